package api

import (
	"context"
	"reflect"
	"testing"
	"time"

	"trappen/models"
)

// Showing fast-track state never writes: a request past its deadline shows
// as lapsed on every read path while its row stays as it was, until the
// background sweep records the lapse, after which the reads are unchanged.
func TestReadingALapsedFastTrackWritesNothing(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("cw@example.dk")
		cz := e.citizen(cw, "a@example.dk")
		id := expect(t, e.post("/api/v1/citizens/"+cz.ID+"/fast-track", cw.Token, ftBody("employer", e.clock.Now(), 12)), 201).JSON(t)["id"].(string)
		e.clock.Advance(3 * 24 * time.Hour)
		defer e.clock.Set(testStart)
		cw = e.login("cw@example.dk", testPassword)
		cz = e.login("a@example.dk", testPassword)

		stored := func(t *testing.T) (string, int64) {
			t.Helper()
			var r models.FastTrackRequest
			if err := e.store.DB.Where("id = ?", id).Take(&r).Error; err != nil {
				t.Fatal(err)
			}
			var events int64
			if err := e.store.DB.Model(&models.FastTrackEvent{}).Where("request_id = ?", id).Count(&events).Error; err != nil {
				t.Fatal(err)
			}
			return r.Status, events
		}
		reads := func(t *testing.T) []any {
			t.Helper()
			section := expect(t, e.get("/api/v1/citizens/"+cz.ID+"/fast-track", cw.Token), 200).JSON(t)
			detail := expect(t, e.get("/api/v1/citizens/"+cz.ID, cw.Token), 200).JSON(t)["fast_track"]
			mine := expect(t, e.get("/api/v1/me/fast-track", cz.Token), 200).JSON(t)
			home := expect(t, e.get("/api/v1/me/home", cz.Token), 200).JSON(t)["fast_track"]
			export := expect(t, e.get("/api/v1/me/export", cz.Token), 200).JSON(t)["fast_track"]
			cur := section["current"].(map[string]any)
			evs := cur["events"].([]any)
			last := evs[len(evs)-1].(map[string]any)
			if cur["status"] != "lapsed" || last["to"] != "lapsed" || last["actor"] != "system" || last["at"] != "2026-03-04T23:00:00Z" {
				t.Fatalf("the caseworker sees %v", cur)
			}
			if home != nil {
				t.Fatalf("home shows a lapsed request as waiting: %v", home)
			}
			return []any{section, detail, mine, export}
		}

		before := reads(t)
		if status, events := stored(t); status != models.FastTrackPending || events != 1 {
			t.Fatalf("after the reads the row is %s with %d events, want it untouched (pending, 1)", status, events)
		}
		n, err := e.store.LapseOverdueFastTrack(context.Background(), e.clock.Now())
		if err != nil || n != 1 {
			t.Fatalf("sweep lapsed %d (%v), want 1", n, err)
		}
		if status, events := stored(t); status != models.FastTrackLapsed || events != 2 {
			t.Fatalf("after the sweep the row is %s with %d events, want lapsed with 2", status, events)
		}
		if after := reads(t); !reflect.DeepEqual(before, after) {
			t.Fatalf("the reads changed once the lapse was stored:\nbefore %v\nafter  %v", before, after)
		}
		if n, err := e.store.LapseOverdueFastTrack(context.Background(), e.clock.Now()); err != nil || n != 0 {
			t.Fatalf("second sweep lapsed %d (%v), want 0", n, err)
		}
	})
}
