package store

import (
	"context"
	"fmt"
	"time"

	"trappen/models"
)

// exportSection is one named part of a citizen's data export.
type exportSection struct {
	name    string
	collect func(ctx context.Context, citizenID string, now time.Time) (any, error)
}

// exportSections lists every part of the export. Whoever stores something new
// about a citizen adds a section here.
func (s *Store) exportSections() []exportSection {
	a := func(id string) models.Access { return models.AsCitizen(id) }
	return []exportSection{
		{"profile", func(ctx context.Context, id string, _ time.Time) (any, error) {
			c, err := s.CitizenByID(ctx, id)
			if err != nil {
				return nil, fmt.Errorf("export sections: %w", err)
			}
			return models.ToProfile(c), nil
		}},
		{"goals", func(ctx context.Context, id string, _ time.Time) (any, error) { return s.Goals(ctx, a(id)) }},
		{"checkins", func(ctx context.Context, id string, _ time.Time) (any, error) { return s.Checkins(ctx, a(id)) }},
		{"plan_versions", func(ctx context.Context, id string, now time.Time) (any, error) {
			return s.PlanVersions(ctx, a(id), now)
		}},
		{"meetings", func(ctx context.Context, id string, now time.Time) (any, error) {
			return s.Meetings(ctx, a(id), now)
		}},
		{"placements", func(ctx context.Context, id string, _ time.Time) (any, error) { return s.Placements(ctx, a(id)) }},
		{"agreements", func(ctx context.Context, id string, now time.Time) (any, error) { return s.Agreements(ctx, a(id), now) }}, // issue 9
		{"fast_track", func(ctx context.Context, id string, now time.Time) (any, error) {
			return s.FastTrackSection(ctx, a(id), now)
		}},
		{"push_subscriptions", func(ctx context.Context, id string, _ time.Time) (any, error) {
			return s.Outbox.PushSubscriptionViews(ctx, id)
		}},
		{"notification_settings", func(ctx context.Context, id string, _ time.Time) (any, error) {
			n, err := s.Outbox.NotificationSettingsFor(ctx, id)
			if err != nil {
				return nil, fmt.Errorf("export sections: %w", err)
			}
			return n.View(), nil
		}},
		{"category_history", func(ctx context.Context, id string, _ time.Time) (any, error) { return s.CategoryHistory(ctx, id) }}, // issue 8
		{"timeline", func(ctx context.Context, id string, now time.Time) (any, error) { return s.TimelineOf(ctx, a(id), now) }},    // issue 8
		{"access_log", s.exportAccessLog},                 // issue 5
		{"caseworker_changes", s.exportCaseworkerChanges}, // issue 5
		{"snooze", s.exportSnooze},                        // issue 5
		{"seen", func(ctx context.Context, id string, _ time.Time) (any, error) {
			seen, err := loadSeen(s.Read.WithContext(ctx), id)
			return map[string]any{"plan_version": seen.PlanVersion, "meetings_seen_at": utcPtr(seen.MeetingsSeenAt)}, err
		}},
	}
}

// Export collects everything stored about a citizen, section by section.
// Goals carry their activities, plan versions the citizen's feedback, and
// meetings the citizen's replies and reflections (shared or not).
func (s *Store) Export(ctx context.Context, citizenID string, now time.Time) (map[string]any, error) {
	out := map[string]any{"exported_at": now.UTC()}
	for _, sec := range s.exportSections() {
		v, err := sec.collect(ctx, citizenID, now)
		if err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		out[sec.name] = v
	}
	return out, nil
}
