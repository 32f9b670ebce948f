package models

import ()

// CitizenJourney is what a caseworker sees on a citizen's page besides the
// profile. Issue 4 fills FastTrack; add further sections here.
type CitizenJourney struct {
	Milestones Milestones      `json:"milestones"`
	Goals      []GoalView      `json:"goals"`
	Plan       *PlanView       `json:"plan"`
	Meetings   *MeetingLists   `json:"meetings"`
	Placements []PlacementView `json:"placements"`
	FastTrack  any             `json:"fast_track"`
	// Issue 8: the category's history and the law's clock.
	CategoryHistory []CategoryChange `json:"category_history"`
	Timeline        []TimelineItem   `json:"timeline"`
	// Issue 9: the gap between the parties, and who does what.
	StaircaseGap StaircaseGap    `json:"staircase_gap"`
	Agreements   []AgreementView `json:"agreements"`
}
