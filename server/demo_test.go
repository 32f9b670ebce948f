package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"trappen/models"
	"trappen/models/store"
	"trappen/models/storetest"
)

func TestDemoSeedsALivingAppAndCanRunTwice(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			opts := storetest.Options(t, engine)
			var out, errOut bytes.Buffer
			for i := 0; i < 2; i++ {
				if code := run([]string{"demo"}, strings.NewReader(""), &out, &errOut, envFor(opts, nil)); code != 0 {
					t.Fatalf("demo run %d: exit %d: %s", i+1, code, errOut.String())
				}
			}
			if !strings.Contains(out.String(), demoCaseworkerEmail) || !strings.Contains(out.String(), demoPassword) {
				t.Fatalf("demo did not say how to sign in: %s", out.String())
			}
			store, err := store.Open(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			defer store.SQL.Close()
			ctx, now := context.Background(), time.Now()
			boss, err := store.Identity.Login(ctx, demoEmployerEmail, demoPassword, "127.0.0.1", now)
			if err != nil || boss.Role != models.RoleEmployer {
				t.Fatalf("the demo employer cannot sign in: %v %+v", err, boss)
			}
			if staff, err := store.Employees(ctx, boss.ID, now); err != nil || len(staff) != 1 || staff[0].NextMeeting == nil {
				t.Fatalf("the demo employer follows %+v (%v), want one employee with a shared next meeting", staff, err)
			}
			for _, c := range demoCitizens {
				u, err := store.Identity.Login(ctx, c.email, demoPassword, "127.0.0.1", now)
				if err != nil {
					t.Fatalf("%s cannot sign in: %v", c.email, err)
				}
				home, err := store.Home(ctx, u.ID, now)
				if err != nil {
					t.Fatal(err)
				}
				if home.ThisWeek == nil || len(home.NextMeetings) == 0 || home.LastCheckin == nil || len(home.Goals) == 0 {
					t.Errorf("%s: home lacks plan, meetings, check-in or goals: %+v", c.email, home)
				}
				if home.Milestones.WeekOfSickness < 6 {
					t.Errorf("%s is in week %d, want six weeks in", c.email, home.Milestones.WeekOfSickness)
				}
			}
		})
	}
}
