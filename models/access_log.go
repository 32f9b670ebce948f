package models

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"
)

// WhatCaseload is the access-log entry for seeing a citizen in the caseload
// list (name, week, wellbeing, open actions). It is kept once per caseworker
// and Copenhagen day, so the citizen's log is not buried in list views.
const WhatCaseload = "caseload"

// AccessEntry is what the citizen sees of one read.
type AccessEntry struct {
	ID             int64     `json:"id"`
	At             time.Time `json:"at"`
	CaseworkerName string    `json:"caseworker_name"`
	What           string    `json:"what"`
}

// WhatFromRoute names what a caseworker read from the route pattern that
// answered: "/api/v1/citizens/:id" is "profile", ".../:id/plan/versions" is
// "plan_versions". Parameters are dropped, so no id or query string is kept.
func WhatFromRoute(pattern, prefix string) string {
	rest, ok := strings.CutPrefix(pattern, prefix)
	if !ok {
		return ""
	}
	var parts []string
	for _, seg := range strings.Split(rest, "/") {
		if seg == "" || strings.HasPrefix(seg, ":") || strings.HasPrefix(seg, "*") {
			continue
		}
		parts = append(parts, strings.ReplaceAll(seg, "-", "_"))
	}
	if len(parts) == 0 {
		return "profile"
	}
	return strings.Join(parts, "_")
}

// RecordAccess writes that caseworkerID read what of citizenID. Nothing is
// written when the citizen is not on the caseworker's caseload.
func (s *Store) RecordAccess(ctx context.Context, caseworkerID, citizenID, what string, now time.Time) error {
	now = now.UTC()
	return s.DB.WithContext(ctx).Exec(`INSERT INTO access_log (citizen_id, caseworker_id, what, day, at)
		SELECT id, caseworker_id, ?, ?, ? FROM citizens WHERE id = ? AND caseworker_id = ?`,
		what, CopenhagenDate(now).Format(DateLayout), now, citizenID, caseworkerID).Error
}

// recordCaseloadAccess writes one "caseload" entry per citizen shown, at most
// once a day, in a single statement whatever the caseload's size.
func recordCaseloadAccess(db *gorm.DB, caseworkerID string, now time.Time) error {
	now = now.UTC()
	return db.Exec(`INSERT INTO access_log (citizen_id, caseworker_id, what, day, at)
		SELECT id, caseworker_id, ?, ?, ? FROM citizens WHERE caseworker_id = ?
		ON CONFLICT DO NOTHING`,
		WhatCaseload, CopenhagenDate(now).Format(DateLayout), now, caseworkerID).Error
}

// MaxAccessLogPage caps one page of the access log.
const MaxAccessLogPage = 100

// AccessLog lists the reads of citizenID's data, newest first. before is the
// id of the last entry of the previous page (0 for the first page).
func (s *Store) AccessLog(ctx context.Context, citizenID string, before int64, limit int) ([]AccessEntry, error) {
	if limit <= 0 || limit > MaxAccessLogPage {
		limit = MaxAccessLogPage
	}
	q := s.DB.WithContext(ctx).Table("access_log AS a").
		Select(`a.id, a.at, u.name AS caseworker_name, a.what`).
		Joins("JOIN users u ON u.id = a.caseworker_id").
		Where("a.citizen_id = ?", citizenID)
	if before > 0 {
		q = q.Where("a.id < ?", before)
	}
	out := []AccessEntry{}
	err := q.Order("a.id DESC").Limit(limit).Scan(&out).Error
	for i := range out {
		out[i].At = out[i].At.UTC()
	}
	return out, err
}

// exportAccessLog is the whole access log, newest first, for the export.
func (s *Store) exportAccessLog(ctx context.Context, citizenID string, _ time.Time) (any, error) {
	var all []AccessEntry
	for before := int64(0); ; {
		page, err := s.AccessLog(ctx, citizenID, before, MaxAccessLogPage)
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if len(page) < MaxAccessLogPage {
			break
		}
		before = page[len(page)-1].ID
	}
	if all == nil {
		all = []AccessEntry{}
	}
	return all, nil
}
