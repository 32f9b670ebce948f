package models

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Limits on a plan.
const (
	maxPlanWeeks    = 104
	maxPlanTasks    = 50
	maxTaskText     = 200
	maxWeekNote     = 500
	maxFeedbackText = 2000
)

// PlanVersion is one saved state of a citizen's optrapningsplan. Every save is
// a new version; the newest is the current plan.
type PlanVersion struct {
	ID        string `gorm:"primaryKey"`
	CitizenID string
	Version   int
	Snapshot  string
	CreatedBy string
	CreatedAt time.Time
}

// PlanFeedback is the citizen's answer to "Do you recognise yourself in the
// plan?" for one plan version.
type PlanFeedback struct {
	PlanVersionID string `gorm:"primaryKey"`
	CitizenID     string
	Recognises    string
	Comment       string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// TableName keeps GORM from pluralising.
func (PlanFeedback) TableName() string { return "plan_feedback" }

// CitizenSeen records what the citizen has already seen.
type CitizenSeen struct {
	CitizenID      string `gorm:"primaryKey"`
	PlanVersion    int
	MeetingsSeenAt *time.Time
}

// TableName keeps GORM from pluralising.
func (CitizenSeen) TableName() string { return "citizen_seen" }

// DayHours are a week's planned hours, Monday to Friday.
type DayHours struct {
	Mon float64 `json:"mon"`
	Tue float64 `json:"tue"`
	Wed float64 `json:"wed"`
	Thu float64 `json:"thu"`
	Fri float64 `json:"fri"`
}

// Total is the week's hours.
func (h DayHours) Total() float64 { return h.Mon + h.Tue + h.Wed + h.Thu + h.Fri }

func (h DayHours) days() []struct {
	name  string
	hours float64
} {
	return []struct {
		name  string
		hours float64
	}{{"mon", h.Mon}, {"tue", h.Tue}, {"wed", h.Wed}, {"thu", h.Thu}, {"fri", h.Fri}}
}

// PlanWeek is one row of the plan.
type PlanWeek struct {
	WeekStart     string   `json:"week_start"`
	Hours         DayHours `json:"hours"`
	Note          string   `json:"note"`
	StatusMeeting *string  `json:"status_meeting"` // a date, YYYY-MM-DD
}

// MixingDesk is the six sliders, each 1 (needs accommodation) to 5 (ordinary
// terms), or nil (null) while nobody has set it: touching one slider never
// gives the others a value.
type MixingDesk struct {
	Hours          *int `json:"hours"`
	Physical       *int `json:"physical"`
	Tasks          *int `json:"tasks"`
	Responsibility *int `json:"responsibility"`
	Predictability *int `json:"predictability"`
	Intensity      *int `json:"intensity"`
}

func (m MixingDesk) sliders() []struct {
	name  string
	value *int
} {
	return []struct {
		name  string
		value *int
	}{{"hours", m.Hours}, {"physical", m.Physical}, {"tasks", m.Tasks},
		{"responsibility", m.Responsibility}, {"predictability", m.Predictability}, {"intensity", m.Intensity}}
}

// PlanSnapshot is the whole plan as saved in one version.
type PlanSnapshot struct {
	Weeks        []PlanWeek  `json:"weeks"`
	AllowedTasks []string    `json:"allowed_tasks"`
	AvoidTasks   []string    `json:"avoid_tasks"`
	MixingDesk   *MixingDesk `json:"mixing_desk"`
}

// Validate checks a plan; field names follow the request (weeks[0].hours.mon).
func (p *PlanSnapshot) Validate(now time.Time) error {
	var v Validation
	if p.Weeks == nil {
		v.Add("weeks", "required")
	} else if len(p.Weeks) > maxPlanWeeks {
		v.Add("weeks", "too_many", "max", maxPlanWeeks)
	}
	seen := map[string]bool{}
	for i := range p.Weeks {
		validateWeek(&v, fmt.Sprintf("weeks[%d]", i), &p.Weeks[i], seen, now)
	}
	validateTasks(&v, "allowed_tasks", p.AllowedTasks)
	validateTasks(&v, "avoid_tasks", p.AvoidTasks)
	if p.MixingDesk != nil {
		for _, s := range p.MixingDesk.sliders() {
			if s.value != nil && (*s.value < 1 || *s.value > 5) {
				v.Add("mixing_desk."+s.name, "out_of_range", "min", 1, "max", 5)
			}
		}
	}
	return v.Err()
}

func validateWeek(v *Validation, field string, w *PlanWeek, seen map[string]bool, now time.Time) {
	d, ok := ParseDate(w.WeekStart)
	switch {
	case w.WeekStart == "":
		v.Add(field+".week_start", "required")
	case !ok || d.Year() < 2000 || d.After(CopenhagenDate(now).AddDate(3, 0, 0)):
		v.Add(field+".week_start", "invalid_date")
	case d.Weekday() != time.Monday:
		v.Add(field+".week_start", "not_monday")
	case seen[w.WeekStart]:
		v.Add(field+".week_start", "duplicate_week")
	}
	seen[w.WeekStart] = true
	for _, day := range w.Hours.days() {
		if !ValidQuarterHours(day.hours) {
			v.Add(field+".hours."+day.name, "quarter_hours")
		}
	}
	validateText(v, field+".note", &w.Note, false, maxWeekNote)
	if w.StatusMeeting != nil {
		if _, ok := ParseDate(*w.StatusMeeting); !ok {
			v.Add(field+".status_meeting", "invalid_date")
		}
	}
}

// ValidQuarterHours reports whether h is 0–24 in steps of a quarter hour.
func ValidQuarterHours(h float64) bool {
	q := h * 4
	return h >= 0 && h <= 24 && math.Abs(q-math.Round(q)) < 1e-9
}

func validateTasks(v *Validation, field string, list []string) {
	if len(list) > maxPlanTasks {
		v.Add(field, "too_many", "max", maxPlanTasks)
		return
	}
	for i := range list {
		validateText(v, fmt.Sprintf("%s[%d]", field, i), &list[i], true, maxTaskText)
	}
}

// normalize sorts the weeks and turns missing lists into empty ones.
func (p *PlanSnapshot) normalize() {
	sort.SliceStable(p.Weeks, func(i, j int) bool { return p.Weeks[i].WeekStart < p.Weeks[j].WeekStart })
	if p.AllowedTasks == nil {
		p.AllowedTasks = []string{}
	}
	if p.AvoidTasks == nil {
		p.AvoidTasks = []string{}
	}
}

// PlanChange is one difference between a plan version and the one before.
type PlanChange struct {
	Kind      string      `json:"kind"`
	WeekStart string      `json:"week_start,omitempty"`
	Days      []DayChange `json:"days,omitempty"`
	List      string      `json:"list,omitempty"`
	Task      string      `json:"task,omitempty"`
	Slider    string      `json:"slider,omitempty"`
	From      any         `json:"from,omitempty"`
	To        any         `json:"to,omitempty"`
}

// DayChange is one day's hours before and after.
type DayChange struct {
	Day  string  `json:"day"`
	From float64 `json:"from"`
	To   float64 `json:"to"`
}

// DiffPlans lists what changed from prev to cur; prev nil means a first plan,
// which has no changes to show.
func DiffPlans(prev, cur *PlanSnapshot) []PlanChange {
	out := []PlanChange{}
	if prev == nil || cur == nil {
		return out
	}
	out = append(out, diffWeeks(prev.Weeks, cur.Weeks)...)
	out = append(out, diffTasks("allowed", prev.AllowedTasks, cur.AllowedTasks)...)
	out = append(out, diffTasks("avoid", prev.AvoidTasks, cur.AvoidTasks)...)
	return append(out, diffDesk(prev.MixingDesk, cur.MixingDesk)...)
}

func diffWeeks(prev, cur []PlanWeek) []PlanChange {
	var out []PlanChange
	before := map[string]PlanWeek{}
	for _, w := range prev {
		before[w.WeekStart] = w
	}
	now := map[string]bool{}
	for _, w := range cur {
		now[w.WeekStart] = true
		old, ok := before[w.WeekStart]
		if !ok {
			out = append(out, PlanChange{Kind: "week_added", WeekStart: w.WeekStart, To: w.Hours.Total()})
			continue
		}
		out = append(out, diffWeek(old, w)...)
	}
	for _, w := range prev {
		if !now[w.WeekStart] {
			out = append(out, PlanChange{Kind: "week_removed", WeekStart: w.WeekStart, From: w.Hours.Total()})
		}
	}
	return out
}

func diffWeek(old, w PlanWeek) []PlanChange {
	var out []PlanChange
	var days []DayChange
	oldDays := old.Hours.days()
	for i, d := range w.Hours.days() {
		if d.hours != oldDays[i].hours {
			days = append(days, DayChange{Day: d.name, From: oldDays[i].hours, To: d.hours})
		}
	}
	if len(days) > 0 {
		out = append(out, PlanChange{Kind: "hours_changed", WeekStart: w.WeekStart, Days: days,
			From: old.Hours.Total(), To: w.Hours.Total()})
	}
	if old.Note != w.Note {
		out = append(out, PlanChange{Kind: "note_changed", WeekStart: w.WeekStart})
	}
	if deref(old.StatusMeeting) != deref(w.StatusMeeting) {
		out = append(out, PlanChange{Kind: "status_meeting_changed", WeekStart: w.WeekStart,
			From: old.StatusMeeting, To: w.StatusMeeting})
	}
	return out
}

func diffTasks(list string, prev, cur []string) []PlanChange {
	var out []PlanChange
	had, has := map[string]bool{}, map[string]bool{}
	for _, t := range prev {
		had[t] = true
	}
	for _, t := range cur {
		has[t] = true
		if !had[t] {
			out = append(out, PlanChange{Kind: "task_added", List: list, Task: t})
		}
	}
	for _, t := range prev {
		if !has[t] {
			out = append(out, PlanChange{Kind: "task_removed", List: list, Task: t})
		}
	}
	return out
}

func diffDesk(prev, cur *MixingDesk) []PlanChange {
	var out []PlanChange
	var a, b []struct {
		name  string
		value *int
	}
	if prev != nil {
		a = prev.sliders()
	}
	if cur != nil {
		b = cur.sliders()
	}
	for i, name := range []string{"hours", "physical", "tasks", "responsibility", "predictability", "intensity"} {
		var from, to any
		if a != nil && a[i].value != nil {
			from = *a[i].value
		}
		if b != nil && b[i].value != nil {
			to = *b[i].value
		}
		if from != to {
			out = append(out, PlanChange{Kind: "slider_moved", Slider: name, From: from, To: to})
		}
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// PlanView is the current plan (or one version) as shown.
type PlanView struct {
	ID            *string        `json:"id"`
	Version       int            `json:"version"`
	CreatedAt     *time.Time     `json:"created_at"`
	CreatedBy     *PersonRef     `json:"created_by"`
	CurrentWeek   string         `json:"current_week"`
	Weeks         []PlanWeekView `json:"weeks"`
	TotalHours    float64        `json:"total_hours"`
	AllowedTasks  []string       `json:"allowed_tasks"`
	AvoidTasks    []string       `json:"avoid_tasks"`
	MixingDesk    *MixingDesk    `json:"mixing_desk"`
	Changes       []PlanChange   `json:"changes"`
	Feedback      *FeedbackView  `json:"feedback"`
	SeenByCitizen bool           `json:"seen_by_citizen"`
}

// PlanWeekView is a plan row with its total and whether it is this week.
type PlanWeekView struct {
	PlanWeek
	Total   float64 `json:"total"`
	Current bool    `json:"current"`
	Past    bool    `json:"past"`
}

// PersonRef names who did something.
type PersonRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Role string `json:"role"`
}

// FeedbackView is the citizen's answer to one plan version.
type FeedbackView struct {
	PlanVersion int       `json:"plan_version"`
	Recognises  string    `json:"recognises"`
	Comment     string    `json:"comment"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// SavePlan stores a new version of the plan, by the caseworker.
func (s *Store) SavePlan(ctx context.Context, a Access, in PlanSnapshot, now time.Time) (*PlanView, error) {
	if err := in.Validate(now); err != nil {
		return nil, err
	}
	in.normalize()
	raw, err := json.Marshal(in)
	if err != nil {
		return nil, err
	}
	err = s.Tx(ctx, func(tx *gorm.DB) error {
		if err := a.check(tx); err != nil {
			return err
		}
		// Serialise saves of one citizen's plan so version numbers do not collide.
		var c Citizen
		if err := lockForUpdate(tx, s.Dialect).Select("id").Where("id = ?", a.CitizenID).Take(&c).Error; err != nil {
			return notFound(err)
		}
		var last int
		if err := tx.Model(&PlanVersion{}).Where("citizen_id = ?", a.CitizenID).Select("COALESCE(MAX(version), 0)").Scan(&last).Error; err != nil {
			return err
		}
		return tx.Create(&PlanVersion{ID: NewID(), CitizenID: a.CitizenID, Version: last + 1, Snapshot: string(raw),
			CreatedBy: a.UserID, CreatedAt: now.UTC()}).Error
	})
	if err != nil {
		return nil, err
	}
	return s.CurrentPlan(ctx, a, now)
}

// CurrentPlan is the newest plan version with the changes since the one
// before. With no plan yet it is an empty plan of version 0.
func (s *Store) CurrentPlan(ctx context.Context, a Access, now time.Time) (*PlanView, error) {
	db := s.DB.WithContext(ctx)
	if err := a.check(db); err != nil {
		return nil, err
	}
	views, err := loadPlanViews(db, a.CitizenID, 2, now)
	if err != nil || len(views) == 0 {
		return emptyPlan(now), err
	}
	return &views[0], nil
}

// PlanVersions is the plan's history, newest first.
func (s *Store) PlanVersions(ctx context.Context, a Access, now time.Time) ([]PlanView, error) {
	db := s.DB.WithContext(ctx)
	if err := a.check(db); err != nil {
		return nil, err
	}
	views, err := loadPlanViews(db, a.CitizenID, 0, now)
	if err != nil {
		return nil, err
	}
	if len(views) == 0 {
		return []PlanView{}, nil
	}
	return views, nil
}

func emptyPlan(now time.Time) *PlanView {
	return &PlanView{CurrentWeek: WeekStart(now).Format(DateLayout), Weeks: []PlanWeekView{},
		AllowedTasks: []string{}, AvoidTasks: []string{}, Changes: []PlanChange{}}
}

// loadPlanViews reads the newest versions (limit 0: all) with their authors,
// feedback and seen state in a fixed number of queries. With a limit, the
// last version read only serves as the base of the diff.
func loadPlanViews(db *gorm.DB, citizenID string, limit int, now time.Time) ([]PlanView, error) {
	var rows []PlanVersion
	q := db.Where("citizen_id = ?", citizenID).Order("version DESC")
	if limit > 0 {
		q = q.Limit(limit)
	}
	if err := q.Find(&rows).Error; err != nil || len(rows) == 0 {
		return nil, err
	}
	authors, feedback, seen, err := planExtras(db, citizenID, rows)
	if err != nil {
		return nil, err
	}
	n := len(rows)
	if limit > 0 && n == limit {
		n--
	}
	out := make([]PlanView, 0, n)
	for i := 0; i < n; i++ {
		v, err := buildPlanView(rows, i, now)
		if err != nil {
			return nil, err
		}
		if u, ok := authors[rows[i].CreatedBy]; ok {
			v.CreatedBy = &PersonRef{ID: u.ID, Name: u.Name, Role: u.Role}
		}
		v.Feedback = feedback[rows[i].ID]
		v.SeenByCitizen = seen >= rows[i].Version
		out = append(out, *v)
	}
	return out, nil
}

// buildPlanView makes rows[i] a view, diffed against rows[i+1] (older).
func buildPlanView(rows []PlanVersion, i int, now time.Time) (*PlanView, error) {
	cur, err := decodeSnapshot(rows[i].Snapshot)
	if err != nil {
		return nil, err
	}
	var prev *PlanSnapshot
	if i+1 < len(rows) {
		if prev, err = decodeSnapshot(rows[i+1].Snapshot); err != nil {
			return nil, err
		}
	}
	v := snapshotView(cur, now)
	id, at := rows[i].ID, rows[i].CreatedAt.UTC()
	v.ID, v.Version, v.CreatedAt = &id, rows[i].Version, &at
	v.Changes = DiffPlans(prev, cur)
	return v, nil
}

func decodeSnapshot(raw string) (*PlanSnapshot, error) {
	var p PlanSnapshot
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		return nil, fmt.Errorf("plan snapshot: %w", err)
	}
	p.normalize()
	return &p, nil
}

// snapshotView adds totals and flags this week (in Copenhagen).
func snapshotView(p *PlanSnapshot, now time.Time) *PlanView {
	v := emptyPlan(now)
	for _, w := range p.Weeks {
		total := w.Hours.Total()
		v.Weeks = append(v.Weeks, PlanWeekView{PlanWeek: w, Total: total,
			Current: w.WeekStart == v.CurrentWeek, Past: w.WeekStart < v.CurrentWeek})
		v.TotalHours += total
	}
	v.AllowedTasks, v.AvoidTasks, v.MixingDesk = p.AllowedTasks, p.AvoidTasks, p.MixingDesk
	return v
}

func planExtras(db *gorm.DB, citizenID string, rows []PlanVersion) (map[string]User, map[string]*FeedbackView, int, error) {
	ids, userIDs := make([]string, len(rows)), make([]string, len(rows))
	version := map[string]int{}
	for i, r := range rows {
		ids[i], userIDs[i] = r.ID, r.CreatedBy
		version[r.ID] = r.Version
	}
	fresh := db.Session(&gorm.Session{NewDB: true})
	var users []User
	if err := fresh.Select("id", "name", "role").Where("id IN ?", userIDs).Find(&users).Error; err != nil {
		return nil, nil, 0, err
	}
	authors := map[string]User{}
	for _, u := range users {
		authors[u.ID] = u
	}
	var fb []PlanFeedback
	if err := fresh.Where("plan_version_id IN ?", ids).Find(&fb).Error; err != nil {
		return nil, nil, 0, err
	}
	feedback := map[string]*FeedbackView{}
	for _, f := range fb {
		feedback[f.PlanVersionID] = &FeedbackView{PlanVersion: version[f.PlanVersionID], Recognises: f.Recognises,
			Comment: f.Comment, CreatedAt: f.CreatedAt.UTC(), UpdatedAt: f.UpdatedAt.UTC()}
	}
	seen, err := loadSeen(fresh, citizenID)
	return authors, feedback, seen.PlanVersion, err
}

func loadSeen(db *gorm.DB, citizenID string) (CitizenSeen, error) {
	var seen CitizenSeen
	err := db.Where("citizen_id = ?", citizenID).Take(&seen).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return CitizenSeen{CitizenID: citizenID}, nil
	}
	return seen, err
}

// NewPlanFeedback is the citizen's answer to the current plan.
type NewPlanFeedback struct {
	Recognises string
	Comment    string
}

// Validate checks the answer.
func (in *NewPlanFeedback) Validate() error {
	var v Validation
	switch in.Recognises {
	case "yes", "partly", "no":
	case "":
		v.Add("recognises", "required")
	default:
		v.Add("recognises", "invalid_choice")
	}
	validateText(&v, "comment", &in.Comment, false, maxFeedbackText)
	return v.Err()
}

var errNoPlan = NewError(KindNotFound, "no_plan")

// SavePlanFeedback stores (or replaces) the citizen's answer to the current
// plan version. Answering also counts as having seen the plan.
func (s *Store) SavePlanFeedback(ctx context.Context, citizenID string, in NewPlanFeedback, now time.Time) (*FeedbackView, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	now = now.UTC()
	var out FeedbackView
	err := s.Tx(ctx, func(tx *gorm.DB) error {
		var pv PlanVersion
		err := tx.Where("citizen_id = ?", citizenID).Order("version DESC").Take(&pv).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return errNoPlan
		}
		if err != nil {
			return err
		}
		fb := PlanFeedback{PlanVersionID: pv.ID, CitizenID: citizenID, Recognises: in.Recognises, Comment: in.Comment,
			CreatedAt: now, UpdatedAt: now}
		if err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "plan_version_id"}},
			DoUpdates: clause.AssignmentColumns([]string{"recognises", "comment", "updated_at"})}).Create(&fb).Error; err != nil {
			return err
		}
		if err := tx.Where("plan_version_id = ?", pv.ID).Take(&fb).Error; err != nil {
			return err
		}
		out = FeedbackView{PlanVersion: pv.Version, Recognises: fb.Recognises, Comment: fb.Comment,
			CreatedAt: fb.CreatedAt.UTC(), UpdatedAt: fb.UpdatedAt.UTC()}
		return markPlanSeen(tx, citizenID, pv.Version)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// MarkPlanSeen records that the citizen has seen the current plan.
func (s *Store) MarkPlanSeen(ctx context.Context, citizenID string) error {
	return s.Tx(ctx, func(tx *gorm.DB) error {
		var last int
		if err := tx.Model(&PlanVersion{}).Where("citizen_id = ?", citizenID).Select("COALESCE(MAX(version), 0)").Scan(&last).Error; err != nil {
			return err
		}
		return markPlanSeen(tx, citizenID, last)
	})
}

func markPlanSeen(tx *gorm.DB, citizenID string, version int) error {
	return tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "citizen_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"plan_version"})}).
		Create(&CitizenSeen{CitizenID: citizenID, PlanVersion: version}).Error
}
