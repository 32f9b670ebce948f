package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"trappen/models"
	"trappen/models/store"
)

// Demo sign-in details, printed by `server demo`.
const (
	demoCaseworkerEmail = "sagsbehandler@trappen.demo"
	demoPassword        = "trappen-demo-2026"
)

type demoCitizen struct {
	name, email, locale, employer string
	goal                          string
	subGoals                      []demoSubGoal
	startHours                    float64
	mood                          []int // wellbeing per week, oldest first
}

type demoSubGoal struct {
	title      string
	activities []string
}

var demoCitizens = []demoCitizen{
	{
		name: "Mette Kjær", email: "mette@trappen.demo", locale: "da", employer: "Byens Bibliotek",
		goal: "Tilbage i mit job som bibliotekar på fuld tid inden 1. april",
		subGoals: []demoSubGoal{
			{"Arbejde 12 timer om ugen fra uge 2", []string{"Faste arbejdsdage: mandag, onsdag, fredag"}},
			{"Få styr på min bekymring for tilbagefald", []string{"Samtaler med psykolog", "Stresskursus"}},
		},
		startHours: 2, mood: []int{3, 4, 4, 5, 5, 6},
	},
	{
		name: "Jonas Berg", email: "jonas@trappen.demo", locale: "en", employer: "Nordic Logistics",
		goal: "Back in my warehouse job, 37 hours a week, within 3 months",
		subGoals: []demoSubGoal{
			{"Lift up to 10 kg without pain by week 10", []string{"Physiotherapy twice a week"}},
			{"Work 20 hours a week from week 8", nil},
		},
		startHours: 3, mood: []int{5, 5, 4, 6, 6, 7},
	},
}

// seedDemo fills the database with a caseworker and two citizens six weeks
// into their sick leave, and prints how to sign in. Running it twice is safe.
func seedDemo(ctx context.Context, cfg Config, stdout io.Writer) error {
	store, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.SQL.Close()
	if err := refuseRealAccounts(ctx, store); err != nil {
		return err
	}
	if err := seedDemoData(ctx, store, time.Now()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Demo data is ready. Start Trappen with `go run ./server` and sign in at http://localhost%s/login\n", displayAddr(cfg.Addr))
	fmt.Fprintf(stdout, "  caseworker: %s\n", demoCaseworkerEmail)
	for _, c := range demoCitizens {
		fmt.Fprintf(stdout, "  citizen:    %s (%s)\n", c.email, c.locale)
	}
	fmt.Fprintf(stdout, "  employer:   %s (%s's manager; she shares plan, meetings, agreements and placements)\n", demoEmployerEmail, demoCitizens[0].name)
	fmt.Fprintf(stdout, "  password for all of them: %s\n", demoPassword)
	return nil
}

// demoDomain is the e-mail domain of every account the demo creates.
const demoDomain = "@trappen.demo"

// refuseRealAccounts keeps demo data (with its published password) out of
// a database that people use for real.
func refuseRealAccounts(ctx context.Context, store *store.Store) error {
	var others int64
	err := store.SQL.DB.WithContext(ctx).Table("users").Where("email NOT LIKE ?", "%"+demoDomain).Count(&others).Error
	if err != nil {
		return fmt.Errorf("demo: count accounts: %w", err)
	}
	if others > 0 {
		return fmt.Errorf("demo: this database already holds %d account(s) that are not the demo's; demo data only goes into an empty or demo database (point DATABASE_URL or TRAPPEN_DATA_DIR elsewhere)", others)
	}
	return nil
}

func displayAddr(addr string) string {
	if len(addr) > 0 && addr[0] == ':' {
		return addr
	}
	return ""
}

func seedDemoData(ctx context.Context, store *store.Store, now time.Time) error {
	cw, err := store.Identity.CreateCaseworker(ctx, models.NewCaseworker{Email: demoCaseworkerEmail, Name: "Sara Holm", Password: demoPassword}, now)
	if e, ok := models.AsError(err); ok && e.Code == "email_taken" {
		return nil // seeded before
	}
	if err != nil {
		return err
	}
	for _, c := range demoCitizens {
		if err := seedDemoCitizen(ctx, store, cw.ID, c, now); err != nil {
			return fmt.Errorf("demo citizen %s: %w", c.email, err)
		}
	}
	return seedDemoEmployer(ctx, store, cw.ID, now)
}

func seedDemoCitizen(ctx context.Context, store *store.Store, caseworkerID string, d demoCitizen, now time.Time) error {
	const weeksSick = 6
	monday := models.WeekStart(now)
	firstSickDay := monday.AddDate(0, 0, -7*weeksSick+2)
	expected := 16
	c, inv, err := store.CreateCitizen(ctx, caseworkerID, models.NewCitizen{Name: d.name, Email: d.email, Locale: d.locale,
		FirstSickDay: firstSickDay.Format(models.DateLayout), Category: 2, ExpectedWeeks: &expected, EmployerName: d.employer}, now)
	if err != nil {
		return err
	}
	if _, err := store.Identity.Activate(ctx, inv.Code, demoPassword, "demo", now); err != nil {
		return err
	}
	cwAccess := models.AsCaseworker(caseworkerID, c.ID)
	goalIDs, err := seedDemoGoals(ctx, store, cwAccess, d, now)
	if err != nil {
		return err
	}
	if err := seedDemoPlan(ctx, store, cwAccess, d, monday, now); err != nil {
		return err
	}
	if err := seedDemoMeetings(ctx, store, cwAccess, d, now); err != nil {
		return err
	}
	return seedDemoCheckins(ctx, store, c.ID, goalIDs, d, monday, now)
}

func seedDemoGoals(ctx context.Context, store *store.Store, a models.Access, d demoCitizen, now time.Time) ([]string, error) {
	overall, err := store.CreateGoal(ctx, a, models.NewGoal{Title: d.goal}, now)
	if err != nil {
		return nil, err
	}
	ids := []string{overall.ID}
	for _, sg := range d.subGoals {
		g, err := store.CreateGoal(ctx, a, models.NewGoal{Title: sg.title, ParentID: &overall.ID, Activities: sg.activities}, now)
		if err != nil {
			return nil, err
		}
		ids = append(ids, g.ID)
	}
	return ids, nil
}

// seedDemoPlan makes a plan from two weeks ago, rising about 25 % a week.
func seedDemoPlan(ctx context.Context, store *store.Store, a models.Access, d demoCitizen, monday, now time.Time) error {
	var weeks []models.PlanWeek
	daily := d.startHours
	for i := -2; i < 8; i++ {
		h := quarter(daily)
		weeks = append(weeks, models.PlanWeek{WeekStart: monday.AddDate(0, 0, 7*i).Format(models.DateLayout),
			Hours: models.DayHours{Mon: h, Tue: 0, Wed: h, Thu: 0, Fri: h}})
		if i >= 2 {
			weeks[len(weeks)-1].Hours.Tue = h
		}
		daily = min(daily*1.25, 7.5)
	}
	plan := models.PlanSnapshot{Weeks: weeks,
		AllowedTasks: []string{"Opgaver uden kundekontakt", "Faste opgaver med en kontaktperson"},
		AvoidTasks:   []string{"Vagter alene", "Opgaver med deadline samme dag"},
		MixingDesk:   models.FullDesk(2, 3, 2, 1, 2, 2)}
	_, err := store.SavePlan(ctx, a, plan, now.Add(-14*24*time.Hour))
	return err
}

func quarter(h float64) float64 { return float64(int(h*4+0.5)) / 4 }

func seedDemoMeetings(ctx context.Context, store *store.Store, a models.Access, d demoCitizen, now time.Time) error {
	at := func(days, hour int) string {
		y, m, dd := now.In(models.Copenhagen).AddDate(0, 0, days).Date()
		return time.Date(y, m, dd, hour, 0, 0, 0, models.Copenhagen).Format(time.RFC3339)
	}
	meetings := []models.NewMeeting{
		{Kind: "follow_up", StartsAt: at(-20, 10), Location: "Jobcentret, Rådhuspladsen 1", Participants: []string{"Sara Holm"}},
		{Kind: "roundtable", StartsAt: at(3, 10), Location: d.employer, Participants: []string{"Sara Holm", "Leder hos " + d.employer},
			Agenda: "Fælles forståelse af situationen, plan for tilbagevenden, hvem gør hvad"},
		{Kind: "status", StartsAt: at(17, 9), Location: d.employer, Participants: []string{"Leder hos " + d.employer}},
	}
	for _, m := range meetings {
		if _, err := store.CreateMeeting(ctx, a, m, now.Add(-21*24*time.Hour)); err != nil {
			return err
		}
	}
	return nil
}

func seedDemoCheckins(ctx context.Context, store *store.Store, citizenID string, goalIDs []string, d demoCitizen, monday, now time.Time) error {
	for i, mood := range d.mood {
		at := monday.AddDate(0, 0, -7*(len(d.mood)-1-i)+4).Add(15 * time.Hour)
		if at.After(now) {
			at = now.Add(-time.Hour)
		}
		step := 1 + i/2
		wellbeing := mood
		hours := quarter(d.startHours * float64(2+i) * 1.1)
		var scores []models.GoalScore
		for j, id := range goalIDs {
			scores = append(scores, models.GoalScore{GoalID: id, Score: min(10, 2+i+j%2)})
		}
		in := models.NewCheckin{ID: models.NewID(), RecordedAt: at, GoalScores: scores, StaircaseStep: &step,
			Wellbeing: &wellbeing, HoursWorked: &hours}
		if _, _, err := store.RecordCheckin(ctx, citizenID, in, at); err != nil {
			return err
		}
	}
	return nil
}
