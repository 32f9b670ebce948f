package push_test

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"trappen/models/store"
	"trappen/push/pushtest"
)

// syncBuffer is a log sink the worker's goroutines may share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// A device's endpoint URL is a bearer secret: whoever has it can push to the
// phone. A failing delivery is logged with the push service's host only.
func TestAFailingDeliveryLogsNoEndpoint(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "da")
		var logs syncBuffer
		f.worker.Log = slog.New(slog.NewTextHandler(&logs, nil))
		f.worker.MaxAttempts = 3
		f.svc.RespondWith(f.device, pushtest.Hangup, 500, pushtest.Hangup)
		f.meeting("other", cph("2026-03-10 10:00"), monday)
		at := monday
		for i := 0; i < 3; i++ {
			f.run(at)
			at = at.Add(2 * time.Hour)
		}
		out := logs.String()
		if !strings.Contains(out, "push send failed") || !strings.Contains(out, "push delivery given up") {
			t.Fatalf("the failures were not logged:\n%s", out)
		}
		host := strings.TrimPrefix(f.svc.Origin(), "http://")
		if !strings.Contains(out, host) {
			t.Fatalf("the log does not name the push host %s:\n%s", host, out)
		}
		for _, secret := range []string{f.device.Endpoint, "/push/", f.device.ID, f.device.Auth, f.device.P256dh} {
			if strings.Contains(out, secret) {
				t.Fatalf("the log holds %q:\n%s", secret, out)
			}
		}
	})
}
