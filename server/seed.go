package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"trappen/models"
	"trappen/models/identity"
	"trappen/models/sqldb"
)

// Seeded accounts, for the load test: citizen i signs in as SeedCitizenEmail(i),
// caseworker j as SeedCaseworkerEmail(j), all with the seed password.
const (
	seedDomain          = "seed.trappen.example"
	defaultSeedPassword = "trappen-belastning"
	// citizensPerCaseworker: about 2,500 caseworkers follow 100,000 citizens.
	citizensPerCaseworker = 40
	seedWeeks             = 12 // weekly check-ins are kept for the last 12 weeks
	seedChunk             = 1000
	maxSeedCitizens       = 1_000_000
)

func SeedCitizenEmail(i int) string    { return fmt.Sprintf("borger%d@%s", i, seedDomain) }
func SeedCaseworkerEmail(j int) string { return fmt.Sprintf("sagsbehandler%d@%s", j, seedDomain) }

// seedCommand is `server seed --citizens N [--password P] [--seed S]`: it
// fills an empty database with N citizens, N/40 caseworkers and their last
// 12 weeks: weekly check-ins, a goal, plan versions, meetings and push jobs.
// The same seed gives the same data. PostgreSQL is filled with COPY, SQLite
// with multi-row INSERTs.
func seedCommand(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	n := fs.Int("citizens", 1000, "number of citizens")
	password := fs.String("password", defaultSeedPassword, "password of every seeded account")
	seed := fs.Uint64("seed", 1, "random seed")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("usage: server seed --citizens N [--password P] [--seed S]: %w", err)
	}
	if *n < 1 || *n > maxSeedCitizens {
		return fmt.Errorf("--citizens must be from 1 to %d", maxSeedCitizens)
	}
	if len(*password) < 10 {
		return fmt.Errorf("--password must be at least 10 characters")
	}
	db, err := sqldb.Open(ctx, cfg.storeOptions())
	if err != nil {
		return err
	}
	defer db.Close()
	var existing int64
	if err := db.DB.WithContext(ctx).Raw("SELECT count(*) FROM users WHERE email LIKE ?", "%@"+seedDomain).Scan(&existing).Error; err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if existing > 0 {
		return errors.New("seed: this database is seeded already")
	}
	hash, err := identity.HashPassword(*password)
	if err != nil {
		return err
	}
	bulk, err := newRowSink(ctx, db, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	sink := &tableRecorder{rowSink: bulk, seen: map[string]bool{}}
	defer sink.close()
	start := time.Now()
	g := &seedGen{rng: rand.New(rand.NewPCG(*seed, 0x7a11)), now: time.Now().UTC().Truncate(time.Second), hash: hash,
		caseworkers: max(1, *n/citizensPerCaseworker)}
	rows, err := g.run(ctx, *n, sink)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	// Statistics for the planner, and on PostgreSQL the visibility map, so
	// index-only scans (the caseload's check-ins) skip the heap as they do in
	// a database autovacuum has looked after: a bulk load leaves it empty.
	analyze := "ANALYZE"
	if db.Dialect == sqldb.Postgres {
		analyze = "VACUUM (ANALYZE) " + strings.Join(sink.tables(), ", ")
	}
	if err := db.DB.WithContext(ctx).Exec(analyze).Error; err != nil {
		return fmt.Errorf("seed: analyze: %w", err)
	}
	fmt.Fprintf(stdout, "Seeded %d citizens and %d caseworkers (%d rows) in %s.\n", *n, g.caseworkers, rows, time.Since(start).Round(time.Second))
	fmt.Fprintf(stdout, "Sign in as %s … %s or %s … %s with the password %q.\n",
		SeedCitizenEmail(0), SeedCitizenEmail(*n-1), SeedCaseworkerEmail(0), SeedCaseworkerEmail(g.caseworkers-1), *password)
	return nil
}

// tableRecorder notes the tables a sink wrote to.
type tableRecorder struct {
	rowSink
	seen map[string]bool
}

func (r *tableRecorder) write(ctx context.Context, table string, cols []string, rows [][]any) error {
	r.seen[table] = true
	return r.rowSink.write(ctx, table, cols, rows)
}

func (r *tableRecorder) tables() []string { return slices.Sorted(maps.Keys(r.seen)) }

// seedGen makes the rows. Distributions: weeks on sick leave are skewed
// towards short absences (exponential, mean 12 weeks, at most a year);
// categories 1/2/3 are 35/50/15 %; a caseload is about 40 citizens.
type seedGen struct {
	rng         *rand.Rand
	now         time.Time
	hash        string
	caseworkers int
	cwIDs       []string
	batch       map[string]*seedTable
}

type seedTable struct {
	cols []string
	rows [][]any
}

var seedTables = []struct {
	name string
	cols []string
}{
	{"users", []string{"id", "role", "email", "name", "locale", "password_hash", "created_at", "updated_at"}},
	{"citizens", []string{"id", "caseworker_id", "first_sick_day", "category", "expected_weeks", "employer_name", "created_at", "updated_at"}},
	{"goals", []string{"id", "citizen_id", "title", "status", "created_by", "created_at", "updated_at"}},
	{"checkins", []string{"id", "citizen_id", "recorded_at", "staircase_step", "wellbeing", "hours_worked", "note", "body_hash", "created_at"}},
	{"plan_versions", []string{"id", "citizen_id", "version", "snapshot", "created_by", "created_at"}},
	{"meetings", []string{"id", "citizen_id", "kind", "starts_at", "duration_minutes", "location", "participants", "agenda", "status", "created_by", "created_at", "updated_at"}},
	{"push_jobs", []string{"id", "citizen_id", "event_key", "type", "ref_id", "ref_at", "fire_at", "status", "note", "created_at", "updated_at"}},
}

func (g *seedGen) add(table string, row ...any) {
	t := g.batch[table]
	t.rows = append(t.rows, row)
}

func (g *seedGen) flush(ctx context.Context, sink rowSink) (int, error) {
	n := 0
	for _, t := range seedTables {
		b := g.batch[t.name]
		if len(b.rows) == 0 {
			continue
		}
		if err := sink.write(ctx, t.name, t.cols, b.rows); err != nil {
			return n, fmt.Errorf("write %s: %w", t.name, err)
		}
		n += len(b.rows)
		b.rows = b.rows[:0]
	}
	return n, nil
}

func (g *seedGen) reset() {
	g.batch = map[string]*seedTable{}
	for _, t := range seedTables {
		g.batch[t.name] = &seedTable{cols: t.cols}
	}
}

func (g *seedGen) run(ctx context.Context, n int, sink rowSink) (int, error) {
	g.reset()
	created := g.now.AddDate(-1, 0, 0)
	for j := range g.caseworkers {
		id := models.NewID()
		g.cwIDs = append(g.cwIDs, id)
		g.add("users", id, models.RoleCaseworker, SeedCaseworkerEmail(j), fmt.Sprintf("Sagsbehandler %d", j), "da", g.hash, created, created)
	}
	total := 0
	for i := range n {
		g.citizen(i)
		if (i+1)%seedChunk == 0 || i == n-1 {
			rows, err := g.flush(ctx, sink)
			total += rows
			if err != nil {
				return total, err
			}
		}
	}
	return total, nil
}

func (g *seedGen) citizen(i int) {
	r := g.rng
	id, cw := models.NewID(), g.cwIDs[r.IntN(len(g.cwIDs))]
	weeks := min(52, 1+int(r.ExpFloat64()*12))
	monday := models.WeekStart(g.now)
	firstSick := monday.AddDate(0, 0, -7*weeks+r.IntN(5))
	created := firstSick.Add(time.Duration(7+r.IntN(10)) * 24 * time.Hour)
	if created.After(g.now) {
		created = g.now.Add(-time.Hour)
	}
	category := 2
	switch p := r.Float64(); {
	case p < 0.35:
		category = 1
	case p >= 0.85:
		category = 3
	}
	expected := 4 + r.IntN(20)
	g.add("users", id, models.RoleCitizen, SeedCitizenEmail(i), fmt.Sprintf("Borger %d", i), "da", g.hash, created, created)
	g.add("citizens", id, cw, firstSick.Format(models.DateLayout), category, expected, "Virksomhed "+fmt.Sprint(r.IntN(5000)), created, created)
	g.add("goals", models.NewID(), id, "Tilbage i mit job", "active", cw, created, created)

	// A weekly check-in for each of the last weeks on leave, up to 12;
	// wellbeing and hours climb slowly with noise, and a fifth are skipped.
	step, wellbeing, hours := 1+r.IntN(2), 3+r.IntN(4), 0.0
	for w := min(weeks, seedWeeks) - 1; w >= 0; w-- {
		at := monday.AddDate(0, 0, -7*w+r.IntN(5)).Add(time.Duration(8+r.IntN(12)) * time.Hour)
		if at.After(g.now) || r.Float64() < 0.2 {
			continue
		}
		step = min(6, step+boolInt(r.Float64() < 0.15))
		wellbeing = max(0, min(10, wellbeing+r.IntN(3)-1))
		hours = math.Round(min(37, hours+r.Float64()*4)*2) / 2
		body := fmt.Sprint(id, at.Unix(), step, wellbeing, hours)
		sum := sha256.Sum256([]byte(body))
		g.add("checkins", models.NewID(), id, at, step, wellbeing, hours, "", hex.EncodeToString(sum[:]), at)
	}
	// One or two plan versions rising about 25 % a week from the week of creation.
	for v := 1; v <= 1+r.IntN(2); v++ {
		snap, _ := json.Marshal(g.plan(models.WeekStart(created), v))
		g.add("plan_versions", models.NewID(), id, v, string(snap), cw, created.Add(time.Duration(v-1)*24*time.Hour))
	}
	// A follow-up in the past, and a status meeting within the next three weeks.
	for _, m := range []struct {
		kind string
		at   time.Time
	}{
		{"follow_up", monday.AddDate(0, 0, -7-r.IntN(21)).Add(time.Duration(9+r.IntN(6)) * time.Hour)},
		{"status", monday.AddDate(0, 0, 7+r.IntN(21)).Add(time.Duration(9+r.IntN(6)) * time.Hour)},
	} {
		mid := models.NewID()
		g.add("meetings", mid, id, m.kind, m.at, 60, "Jobcentret", "[]", "", "scheduled", cw, created, created)
		g.add("push_jobs", models.NewID(), id, "seed:"+mid+":scheduled", models.PushMeetingScheduled, mid, m.at, created, models.JobFannedOut, "", created, created)
		status := models.JobPending
		if m.at.Add(-24 * time.Hour).Before(g.now) {
			status = models.JobFannedOut
		}
		g.add("push_jobs", models.NewID(), id, "seed:"+mid+":reminder", models.PushMeetingReminder, mid, m.at, m.at.Add(-24*time.Hour), status, "", created, created)
	}
}

func (g *seedGen) plan(from time.Time, version int) models.PlanSnapshot {
	daily := 1.0 + float64(g.rng.IntN(3))
	var p models.PlanSnapshot
	for w := range 8 {
		h := math.Min(7.4, math.Round(daily*4)/4)
		p.Weeks = append(p.Weeks, models.PlanWeek{WeekStart: from.AddDate(0, 0, 7*w).Format(models.DateLayout),
			Hours: models.DayHours{Mon: h, Tue: h, Wed: h, Thu: h, Fri: h}})
		daily *= 1.25
	}
	p.AllowedTasks = []string{"Kontorarbejde"}
	p.AvoidTasks = []string{fmt.Sprintf("Tunge løft (version %d)", version)}
	return p
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
