package models

import (
	"sort"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Caseload sort orders.
const (
	SortDeadline = "deadline"
	SortName     = "name"
	SortWeek     = "week"
)

// Caseload filters.
const (
	FilterNeedsAction        = "needs_action"
	FilterFastTrackPending   = "fast_track_pending"
	FilterNoCheckin14d       = "no_checkin_14d"
	FilterRoundtableThisWeek = "roundtable_this_week"
)

// CaseloadQuery is how the caseworker wants the caseload.
type CaseloadQuery struct {
	Sort     string // default deadline
	Filter   string // empty: everyone
	Category int    // 0: every category
}

// Validate checks sort, filter and category.
func (q CaseloadQuery) Validate() error {
	var v Validation
	switch q.Sort {
	case "", SortDeadline, SortName, SortWeek:
	default:
		v.Add("sort", "invalid")
	}
	switch q.Filter {
	case "", FilterNeedsAction, FilterFastTrackPending, FilterNoCheckin14d, FilterRoundtableThisWeek:
	default:
		v.Add("filter", "invalid")
	}
	if q.Category < 0 || q.Category > 3 {
		v.Add("category", "invalid_category")
	}
	return v.Err()
}

// Apply filters and sorts entries (in place) as asked.
func (q CaseloadQuery) Apply(entries []CaseloadEntry) []CaseloadEntry {
	out := entries[:0]
	for _, e := range entries {
		if q.keeps(e) {
			out = append(out, e)
		}
	}
	SortCaseload(out, q.Sort)
	return out
}

func (q CaseloadQuery) keeps(e CaseloadEntry) bool {
	if q.Category != 0 && e.Citizen.Category != q.Category {
		return false
	}
	switch q.Filter {
	case FilterNeedsAction:
		return e.NeedsAction()
	case FilterFastTrackPending, FilterNoCheckin14d:
		return e.HasAction(q.Filter)
	case FilterRoundtableThisWeek:
		return e.RoundtableThisWeek
	}
	return true
}

// SortCaseload orders entries by: snoozed citizens last, then the chosen key
// (nearest deadline first, citizens without one after; longest sick first;
// or name), then name.
func SortCaseload(entries []CaseloadEntry, by string) {
	// Danish order (… x y z æ ø å); a collator is not safe to share.
	clDanish := collate.New(language.Danish, collate.IgnoreCase)
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		if a.Snoozed != b.Snoozed {
			return !a.Snoozed
		}
		if c := clCompareBy(a, b, by); c != 0 {
			return c < 0
		}
		return clDanish.CompareString(a.Citizen.User.Name, b.Citizen.User.Name) < 0
	})
}

func clCompareBy(a, b CaseloadEntry, by string) int {
	switch by {
	case SortName:
		return 0
	case SortWeek:
		return b.WeekOfSickness - a.WeekOfSickness
	}
	da, db := a.NearestDeadline, b.NearestDeadline
	switch {
	case da == nil && db == nil:
		return 0
	case da == nil:
		return 1
	case db == nil:
		return -1
	}
	return da.At.Compare(db.At)
}
