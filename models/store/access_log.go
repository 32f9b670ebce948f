package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/sqldb"
)

// RecordAccess writes that caseworkerID read what of citizenID. Nothing is
// written when the citizen is not on the caseworker's caseload.
func (s *Store) RecordAccess(ctx context.Context, caseworkerID, citizenID, what string, now time.Time) error {
	now = now.UTC()
	return sqldb.Wrap("record access", s.DB.WithContext(ctx).Exec(`INSERT INTO access_log (citizen_id, caseworker_id, what, day, at)
		SELECT id, caseworker_id, ?, ?, ? FROM citizens WHERE id = ? AND caseworker_id = ?`,
		what, accessDay(now), now, citizenID, caseworkerID).Error)
}

// recordCaseloadAccess writes one "caseload" entry for each of citizenIDs
// (the citizens shown), at most once a day, in a single statement whatever
// the caseload's size.
func recordCaseloadAccess(db *gorm.DB, caseworkerID string, citizenIDs []string, now time.Time) error {
	now = now.UTC()
	return sqldb.Wrap("record caseload access", db.Exec(`INSERT INTO access_log (citizen_id, caseworker_id, what, day, at)
		SELECT id, caseworker_id, ?, ?, ? FROM citizens WHERE caseworker_id = ? AND id IN ?
		ON CONFLICT DO NOTHING`,
		models.WhatCaseload, accessDay(now), now, caseworkerID, citizenIDs).Error)
}

// accessDay is the Copenhagen date an access is counted on (one caseload
// entry a day).
func accessDay(now time.Time) string { return models.CopenhagenDate(now).Format(models.DateLayout) }

// AccessLog lists the reads of citizenID's data, newest first. before is the
// id of the last entry of the previous page (0 for the first page).
func (s *Store) AccessLog(ctx context.Context, citizenID string, before int64, limit int) ([]models.AccessEntry, error) {
	if limit <= 0 || limit > models.MaxAccessLogPage {
		limit = models.MaxAccessLogPage
	}
	q := s.Read.WithContext(ctx).Table("access_log AS a").
		Select(`a.id, a.at, a.what, u.name AS reader_name, u.role AS reader_role`).
		Joins("JOIN users u ON u.id = a.caseworker_id").
		Where("a.citizen_id = ?", citizenID)
	if before > 0 {
		q = q.Where("a.id < ?", before)
	}
	out := []models.AccessEntry{}
	err := q.Order("a.id DESC").Limit(limit).Scan(&out).Error
	models.NameReaders(out)
	return out, err
}

// exportAccessLog is the whole access log, newest first, for the export.
func (s *Store) exportAccessLog(ctx context.Context, citizenID string, _ time.Time) (any, error) {
	var all []models.AccessEntry
	for before := int64(0); ; {
		page, err := s.AccessLog(ctx, citizenID, before, models.MaxAccessLogPage)
		if err != nil {
			return nil, fmt.Errorf("export access log: %w", err)
		}
		all = append(all, page...)
		if len(page) < models.MaxAccessLogPage {
			break
		}
		before = page[len(page)-1].ID
	}
	if all == nil {
		all = []models.AccessEntry{}
	}
	return all, nil
}

// PurgeAccessLog deletes the access-log entries written before `before`,
// batch rows at a time, oldest first (issue 13: the log grows by a row per
// citizen per caseworker per day from the caseload alone). A closed case's
// entries go with the case.
func (s *Store) PurgeAccessLog(ctx context.Context, before time.Time, batch int) (int64, error) {
	n, err := s.SQL.DeleteInBatches(ctx, "access_log", "SELECT id FROM access_log WHERE at < ? ORDER BY at LIMIT ?", batch, before.UTC())
	if err != nil {
		return n, fmt.Errorf("purge access log: %w", err)
	}
	return n, nil
}
