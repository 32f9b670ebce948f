package models

// Only real answers: what the citizen or caseworker did not answer stays
// unset (nil, served as null) and is never filled in with a made-up value.

// FullDesk is a mixing desk with all six sliders set, in the order of the
// sliders (hours, physical, tasks, responsibility, predictability,
// intensity).
func FullDesk(hours, physical, tasks, responsibility, predictability, intensity int) *MixingDesk {
	return &MixingDesk{Hours: &hours, Physical: &physical, Tasks: &tasks, Responsibility: &responsibility,
		Predictability: &predictability, Intensity: &intensity}
}
