package models

import (
	"testing"
	"time"
)

func cph(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04:05", s, Copenhagen)
	if err != nil {
		panic(err)
	}
	return t
}

func TestConsentDeadline(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		received time.Time
		want     time.Time
	}{
		{"a Monday afternoon request ends Wednesday at 23:59:59", cph("2026-03-02 14:00:00"), cph("2026-03-04 23:59:59")},
		{"a request just after midnight still counts that day", cph("2026-03-02 00:00:01"), cph("2026-03-04 23:59:59")},
		{"a request at 23:59 local counts that day, not the next", cph("2026-03-02 23:59:00"), cph("2026-03-04 23:59:59")},
		{"a UTC evening that is already tomorrow in Copenhagen counts tomorrow", time.Date(2026, 3, 2, 23, 30, 0, 0, time.UTC), cph("2026-03-05 23:59:59")},
		{"the spring change day (29 March 2026) inside the window does not move the deadline", cph("2026-03-28 10:00:00"), cph("2026-03-30 23:59:59")},
		{"a request on the spring change day itself", cph("2026-03-29 03:30:00"), cph("2026-03-31 23:59:59")},
		{"the autumn change day (25 October 2026) inside the window does not move the deadline", cph("2026-10-24 10:00:00"), cph("2026-10-26 23:59:59")},
		{"a request in the repeated hour of the autumn change", time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC), cph("2026-10-27 23:59:59")},
		{"a deadline on the spring change day ends at 23:59:59 summer time", cph("2026-03-27 09:00:00"), cph("2026-03-29 23:59:59")},
		{"a deadline on the autumn change day ends at 23:59:59 winter time", cph("2026-10-23 09:00:00"), cph("2026-10-25 23:59:59")},
		{"across a month end", cph("2026-02-27 12:00:00"), cph("2026-03-01 23:59:59")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ConsentDeadline(tt.received)
			if !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Fatalf("ConsentDeadline(%s) = %s, want %s (UTC)", tt.received, got.In(Copenhagen), tt.want)
			}
		})
	}
}

func TestDeadlinePassed(t *testing.T) {
	t.Parallel()
	d := cph("2026-03-04 23:59:59")
	tests := []struct {
		name string
		now  time.Time
		want bool
	}{
		{"a second before the deadline is in time", d.Add(-time.Second), false},
		{"the deadline second itself is in time", d.Add(500 * time.Millisecond), false},
		{"midnight after the deadline is too late", d.Add(time.Second), true},
		{"the next day is too late", d.Add(24 * time.Hour), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DeadlinePassed(d, tt.now); got != tt.want {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFastTrackEligibility(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		at    time.Time
		weeks int
		want  string
	}{
		{"day 35 after the first sick day is in time", cph("2026-03-08 12:00:00"), 12, ""},
		{"day 36 is too late", cph("2026-03-09 09:00:00"), 12, "fast_track_too_late"},
		{"late evening UTC on day 35 is day 36 in Copenhagen", time.Date(2026, 3, 8, 23, 30, 0, 0, time.UTC), 12, "fast_track_too_late"},
		{"exactly 8 expected weeks is too short", cph("2026-02-10 12:00:00"), 8, "fast_track_too_short"},
		{"9 expected weeks is enough", cph("2026-02-10 12:00:00"), 9, ""},
		{"too late is checked before too short", cph("2026-04-01 12:00:00"), 4, "fast_track_too_late"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckFastTrackEligibility("2026-02-01", tt.at, tt.weeks)
			got := ""
			if e, ok := AsError(err); ok {
				got = e.Code
			}
			if got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestQuietUntil(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		at         time.Time
		start, end string
		quiet      bool
		until      time.Time
	}{
		{"21:30 is in the default window, which ends at 08:00 the next day", cph("2026-03-02 21:30:00"), "21:00", "08:00", true, cph("2026-03-03 08:00:00")},
		{"03:00 is in the window, which ends at 08:00 the same day", cph("2026-03-03 03:00:00"), "21:00", "08:00", true, cph("2026-03-03 08:00:00")},
		{"08:00 is outside the window", cph("2026-03-03 08:00:00"), "21:00", "08:00", false, time.Time{}},
		{"20:59 is outside the window", cph("2026-03-03 20:59:00"), "21:00", "08:00", false, time.Time{}},
		{"21:00 is inside the window", cph("2026-03-03 21:00:00"), "21:00", "08:00", true, cph("2026-03-04 08:00:00")},
		{"a window within one day", cph("2026-03-03 13:30:00"), "13:00", "14:00", true, cph("2026-03-03 14:00:00")},
		{"the night into the spring change ends at 08:00 summer time", cph("2026-03-28 22:00:00"), "21:00", "08:00", true, cph("2026-03-29 08:00:00")},
		{"the night into the autumn change ends at 08:00 winter time", cph("2026-10-24 23:00:00"), "21:00", "08:00", true, cph("2026-10-25 08:00:00")},
		{"the repeated hour of the autumn change is quiet", time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), "21:00", "08:00", true, cph("2026-10-25 08:00:00")},
		{"a UTC time that is already evening in Copenhagen", time.Date(2026, 6, 1, 19, 30, 0, 0, time.UTC), "21:00", "08:00", true, cph("2026-06-02 08:00:00")},
		{"an equal start and end is no window", cph("2026-03-03 03:00:00"), "08:00", "08:00", false, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			until, quiet := QuietUntil(tt.at, tt.start, tt.end)
			if quiet != tt.quiet || (quiet && !until.Equal(tt.until)) {
				t.Fatalf("QuietUntil = %s, %v; want %s, %v", until.In(Copenhagen), quiet, tt.until, tt.quiet)
			}
		})
	}
}

func TestValidClock(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{"00:00": true, "23:59": true, "21:00": true, "24:00": false, "7:00": false,
		"07:60": false, "0700": false, "ab:cd": false, "": false, "07:00 ": false} {
		if got := ValidClock(s); got != want {
			t.Errorf("ValidClock(%q) = %v, want %v", s, got, want)
		}
	}
}
