package push_test

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"gorm.io/gorm"

	"trappen/models"
	"trappen/models/store"
	"trappen/models/storetest"
)

// BenchmarkSendReminders sends 10,000 due reminders through the worker to
// the stand-in, which verifies and decrypts every one, answering at once
// and, like a real push service, after 100 ms. Run with
// go test ./push -run '^$' -bench SendReminders -benchtime 1x
func BenchmarkSendReminders(b *testing.B) {
	const reminders = 10_000
	for _, engine := range storetest.Engines(b) {
		for _, delay := range []time.Duration{0, 100 * time.Millisecond} {
			b.Run(fmt.Sprintf("%s/answer=%s", engine, delay), func(b *testing.B) { benchSend(b, engine, delay, reminders) })
		}
	}
}

func benchSend(b *testing.B, engine storetest.Engine, delay time.Duration, reminders int) {
	for range b.N {
		b.StopTimer()
		s := storetest.Open(b, engine)
		f := newFixture(b, s, "da")
		f.svc.SetDelay(delay)
		insertReminders(b, s, f.citizen, reminders)
		b.StartTimer()
		start, cpu0 := time.Now(), processCPU()
		st, err := f.worker.RunOnce(f.ctx, monday)
		elapsed, cpu := time.Since(start), processCPU()-cpu0
		b.StopTimer()
		if err != nil || st.Sent != reminders || len(f.svc.Delivered()) != reminders {
			b.Fatalf("sent %+v, delivered %d, %v", st, len(f.svc.Delivered()), err)
		}
		b.ReportMetric(float64(reminders)/elapsed.Seconds(), "msgs/s")
		// On a shared machine the rate says more about the neighbours than
		// about us; CPU per message (worker and stand-in, not the database)
		// does not.
		b.ReportMetric(float64(cpu.Microseconds())/float64(reminders), "cpu-µs/msg")
	}
}

// processCPU is the user and system CPU time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func insertReminders(b *testing.B, s *store.Store, citizenID string, n int) {
	err := s.Tx(b.Context(), func(tx *gorm.DB) error {
		for i := range n {
			at := monday.Add(time.Duration(i+25) * time.Hour)
			err := tx.Exec(`INSERT INTO push_jobs (id, citizen_id, event_key, type, ref_id, ref_at, fire_at, status, note, created_at, updated_at)
				VALUES (?, ?, ?, 'meeting_reminder', ?, ?, ?, 'pending', '', ?, ?)`,
				models.NewID(), citizenID, fmt.Sprintf("bench:%d", i), models.NewID(), at, monday, monday, monday).Error
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}
