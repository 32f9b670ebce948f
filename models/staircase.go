package models

import (
	"sort"
)

// StaircaseSteps are the six steps of the challenge staircase (1 = a visit,
// 6 = ordinary terms); the apps name them with the i18n keys
// "ui.staircase.<n>".
const StaircaseSteps = 6

// WideGap is the distance between the citizen's and another party's latest
// placements from which the roundtable should talk about it first.
const WideGap = 2

// StaircaseGap is where each party last placed the citizen and how far apart
// they are: the roundtable's first topic. The distances are nil while either
// side has not placed the citizen.
type StaircaseGap struct {
	Citizen          *StepPoint `json:"citizen"`
	Employer         *StepPoint `json:"employer"`
	Jobcenter        *StepPoint `json:"jobcenter"`
	CitizenEmployer  *int       `json:"citizen_employer"`
	CitizenJobcenter *int       `json:"citizen_jobcenter"`
	// Wide is true when citizen and employer are WideGap steps or more apart.
	Wide bool `json:"wide"`
}

// BuildStaircase merges the citizen's check-ins (any order) and the recorded
// placements into each party's series, oldest first. A placement recorded for
// the citizen at a meeting counts like a check-in.
func BuildStaircase(checkins []CheckinView, placements []PlacementView) StaircaseSeries {
	s := StaircaseSeries{Citizen: []StepPoint{}, Employer: []StepPoint{}, Jobcenter: []StepPoint{}}
	type dated struct {
		key string // date, then time of recording, for a stable order
		pt  StepPoint
	}
	var citizen []dated
	for _, c := range checkins {
		if c.StaircaseStep != nil {
			date := CopenhagenDate(c.RecordedAt).Format(DateLayout)
			citizen = append(citizen, dated{date + c.RecordedAt.UTC().Format("T15:04:05.000"), StepPoint{Date: date, Step: *c.StaircaseStep}})
		}
	}
	for _, p := range placements {
		pt := StepPoint{Date: p.Date, Step: p.Step}
		switch p.Party {
		case PartyCitizen:
			citizen = append(citizen, dated{p.Date + p.CreatedAt.UTC().Format("T15:04:05.000"), pt})
		case PartyEmployer:
			s.Employer = append(s.Employer, pt)
		default:
			s.Jobcenter = append(s.Jobcenter, pt)
		}
	}
	sort.SliceStable(citizen, func(i, j int) bool { return citizen[i].key < citizen[j].key })
	for _, d := range citizen {
		s.Citizen = append(s.Citizen, d.pt)
	}
	byDate := func(list []StepPoint) {
		sort.SliceStable(list, func(i, j int) bool { return list[i].Date < list[j].Date })
	}
	byDate(s.Employer)
	byDate(s.Jobcenter)
	return s
}

// ComputeStaircaseGap compares each party's latest placement.
func ComputeStaircaseGap(s StaircaseSeries) StaircaseGap {
	g := StaircaseGap{Citizen: lastStep(s.Citizen), Employer: lastStep(s.Employer), Jobcenter: lastStep(s.Jobcenter)}
	g.CitizenEmployer = stepDistance(g.Citizen, g.Employer)
	g.CitizenJobcenter = stepDistance(g.Citizen, g.Jobcenter)
	g.Wide = g.CitizenEmployer != nil && *g.CitizenEmployer >= WideGap
	return g
}

func lastStep(list []StepPoint) *StepPoint {
	if len(list) == 0 {
		return nil
	}
	p := list[len(list)-1]
	return &p
}

func stepDistance(a, b *StepPoint) *int {
	if a == nil || b == nil {
		return nil
	}
	d := a.Step - b.Step
	if d < 0 {
		d = -d
	}
	return &d
}

// StaircaseOverview is the placements and the gap, as the staircase section
// of the citizen page shows them.
type StaircaseOverview struct {
	Items []PlacementView `json:"items"`
	Gap   StaircaseGap    `json:"gap"`
}
