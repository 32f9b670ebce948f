package api

import (
	"bytes"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"trappen/models"
)

// robustWorld is one caseworker and one activated citizen with a goal, a
// plan, a meeting, a fast-track request, an agreement and a check-in, so a bad request on
// any route passes the ownership check and reaches validation; and a second
// citizen whose invite is still open, for activation.
type robustWorld struct {
	cw, bo  session // bo acts as the citizen; a consumable may replace him
	emp     session // bo's employer contact
	victim  session // the citizen whose data the world holds
	boEmail string
	params  map[string]string // path parameter name → a real id
	goalID  string
	invite  string
	suffix  string // keeps this world's e-mails apart from other worlds in the database
	p256dh  string
	authKey string
}

var worlds atomic.Int64

func newRobustWorld(t *testing.T, e *env) robustWorld {
	t.Helper()
	n := worlds.Add(1)
	w := robustWorld{suffix: fmt.Sprint(n), cw: e.caseworker(fmt.Sprintf("sara%d@example.dk", n))}
	w.boEmail = fmt.Sprintf("bo%d@example.dk", n)
	w.bo = e.citizen(w.cw, w.boEmail)
	w.victim = w.bo
	w.invite = expect(t, e.post("/api/v1/citizens", w.cw.Token, citizenInput(fmt.Sprintf("ida%d@example.dk", n))), 201).JSON(t)["invite_code"].(string)
	base := "/api/v1/citizens/" + w.bo.ID
	w.goalID = expect(t, e.post(base+"/goals", w.cw.Token, map[string]any{"title": "Tilbage på fuld tid"}), 201).JSON(t)["id"].(string)
	expect(t, e.put(base+"/plan", w.cw.Token, map[string]any{"weeks": []any{map[string]any{"week_start": "2026-03-02",
		"hours": map[string]float64{"mon": 3, "tue": 3, "wed": 3, "thu": 3, "fri": 3}}}}), 200)
	meeting := expect(t, e.post(base+"/meetings", w.cw.Token, map[string]any{"kind": "roundtable",
		"starts_at": e.clock.Now().Add(72 * time.Hour).Format(time.RFC3339), "location": "Jobcentret"}), 201).JSON(t)["id"].(string)
	ft := expect(t, e.post(base+"/fast-track", w.cw.Token, map[string]any{"requested_by": "employer",
		"requested_at": e.clock.Now().Format(time.RFC3339), "expected_weeks": 12}), 201).JSON(t)["id"].(string)
	agreement := expect(t, e.post(base+"/agreements", w.cw.Token, map[string]any{"text": "Tale med lægen om skånehensyn",
		"owner": "citizen"}), 201).JSON(t)["id"].(string)
	// Seen already, as POST /me/plan/seen takes no body and so succeeds.
	expect(t, e.post("/api/v1/me/plan/seen", w.bo.Token, nil), 204)
	expect(t, e.post("/api/v1/me/checkins", w.bo.Token, map[string]any{"id": models.NewID(),
		"recorded_at": e.clock.Now().Format(time.RFC3339), "wellbeing": 6}), 201)
	w.params = map[string]string{"id": w.bo.ID, "meeting_id": meeting, "goal_id": w.goalID, "ft_id": ft, "agreement_id": agreement}
	w.emp, w.params["contact_id"] = e.employer(w.cw, w.bo.ID, fmt.Sprintf("leder%d@example.dk", n))
	w.p256dh, w.authKey = browserKeys(t)
	return w
}

// token is the role each API prefix needs; the auth routes need none.
func (w robustWorld) token(path string) string {
	switch {
	case strings.HasPrefix(path, "/api/v1/citizens"), strings.HasPrefix(path, "/api/v1/caseworkers"):
		return w.cw.Token
	case strings.HasPrefix(path, "/api/v1/me"):
		return w.bo.Token
	case strings.HasPrefix(path, "/api/v1/employees"):
		return w.emp.Token
	}
	return ""
}

// path fills a route pattern with the world's ids.
func (w robustWorld) path(pattern string) string {
	segs := strings.Split(pattern, "/")
	for i, s := range segs {
		if name, ok := strings.CutPrefix(s, ":"); ok {
			segs[i] = w.params[strings.TrimSuffix(name, "?")]
		}
	}
	return strings.Join(segs, "/")
}

// validBody is one body every write route accepts (each handler ignores the
// fields it does not know); a new route with other fields adds them here.
// Only the fast-track decision is left out, so the request stays undecided.
func (w robustWorld) validBody(now time.Time) map[string]any {
	ts := now.Format(time.RFC3339)
	return map[string]any{
		"name": "Bo Borger", "email": "ny" + w.suffix + "@example.dk", "locale": "da", "first_sick_day": "2026-02-16",
		"category": 2, "expected_weeks": 12, "employer_name": "Kommunens Rengøring",
		"password": testPassword, "invite_code": w.invite,
		"current_password": testPassword, "new_password": "a brand new password",
		"title": "Gå en tur hver dag", "parent_id": w.goalID, "target_date": "2026-06-01", "activities": []any{"Gå en tur"},
		"weeks": []any{map[string]any{"week_start": "2026-03-09", "note": "Stille start", "status_meeting": "2026-03-20",
			"hours": map[string]any{"mon": 2, "tue": 2, "wed": 2.5, "thu": 2, "fri": 2}}},
		"allowed_tasks": []any{"Kontor"}, "avoid_tasks": []any{"Tunge løft"},
		"mixing_desk": map[string]any{"hours": 2, "physical": 3, "tasks": 3, "responsibility": 3, "predictability": 3, "intensity": 3},
		"kind":        "roundtable", "starts_at": now.Add(96 * time.Hour).Format(time.RFC3339), "duration_minutes": 60,
		"location": "Jobcentret", "participants": []any{"Arbejdsgiver"}, "agenda": "Plan for de næste uger",
		"requested_by": "employer", "requested_at": ts,
		"id": models.NewID(), "recorded_at": ts, "goal_scores": []any{map[string]any{"goal_id": w.goalID, "score": 5}},
		"staircase_step": 3, "wellbeing": 6, "hours_worked": 2.5, "note": "En god dag",
		"came_from": "Sygemelding", "heading_to": "Fuld tid", "proposal": "Flere timer", "shared": true,
		"response": "attending", "reason": "Ferie", "recognises": "yes", "comment": "Fint",
		"endpoint": testPushPrefix + "abc", "keys": map[string]any{"p256dh": w.p256dh, "auth": w.authKey},
		"quiet_hours": map[string]any{"start": "21:00", "end": "08:00"}, "paused_until": nil,
		"until": "2026-03-09", "caseworker_id": w.cw.ID, "party": "employer", "step": 3, "date": "2026-03-02",
		"text": "Bo taler med sin læge inden mødet", "owner": "citizen", "due_date": "2026-03-20",
	}
}

// validBodyFor is validBody made to reach the route's real work where one
// body cannot serve every route: signing in needs an e-mail that exists.
func (w robustWorld) validBodyFor(route string, now time.Time) map[string]any {
	b := w.validBody(now)
	if route == "POST /api/v1/auth/login" {
		b["email"] = w.boEmail
	}
	return b
}

// stored is what no refused request may change.
func (w robustWorld) stored(e *env) string {
	base := "/api/v1/citizens/" + w.victim.ID
	var b strings.Builder
	for _, p := range []string{base + "/plan", base + "/goals", base + "/plan/versions", base + "/meetings", base + "/fast-track", base + "/placements"} {
		b.Write(expect(e.t, e.get(p, w.cw.Token), 200).Body)
	}
	b.Write(expect(e.t, e.get("/api/v1/me/checkins", w.victim.Token), 200).Body)
	return b.String()
}

// clearSignInLimits forgets every failed sign-in, so each body of a battery
// reaches the route's own checks instead of the rate limit's 429.
func clearSignInLimits(t *testing.T, e *env) {
	t.Helper()
	if err := e.store.DB.Exec("DELETE FROM login_failures").Error; err != nil {
		t.Fatal(err)
	}
}

// consumables are the routes whose accepted body uses up what the next body
// needs, where a new one of that thing is much cheaper than a new world:
// each body gets its own.
// It returns a text of the body to replace, and its replacement.
var consumables = map[string]func(t *testing.T, e *env, w *robustWorld) (old, new string){
	"POST /api/v1/auth/activate": func(t *testing.T, e *env, w *robustWorld) (string, string) {
		old := w.invite
		w.invite = expect(t, e.post("/api/v1/citizens", w.cw.Token, citizenInput("ida"+models.NewID()+"@example.dk")), 201).JSON(t)["invite_code"].(string)
		return old, w.invite
	},
	"PUT /api/v1/me/password": func(t *testing.T, e *env, w *robustWorld) (string, string) {
		w.bo = e.citizen(w.cw, "bo"+models.NewID()+"@example.dk")
		return "", ""
	},
}

// battery sends each body of bodies(w) to route against data where the
// route can still do its work: a world of its own for the route, and no
// failed sign-ins counted. A body the route accepted may have used up what
// later bodies need (a cancelled meeting, a changed password, a taken
// e-mail), so every body refused after an accepted one is sent again to a
// fresh world, rebuilt after each body accepted there, and that answer is
// the one checked. check sees each answer and may stop the battery. With
// storesNothing, refused bodies must leave the world's stored data as built.
// It returns how many worlds it built.
func battery(t *testing.T, e *env, route string, bodies func(robustWorld) []body, check func(body, resp) (stop bool), storesNothing bool) int {
	t.Helper()
	method, pattern, _ := strings.Cut(route, " ")
	var w robustWorld
	var list []body
	var built string
	n := 0
	regen := func() {
		list = bodies(w)
		// Each body registers its own e-mail, so one accepted registration
		// does not make the next a conflict.
		for i := range list {
			list[i].raw = bytes.ReplaceAll(list[i].raw, []byte("ny"+w.suffix+"@"), []byte(fmt.Sprintf("ny%s-%d@", w.suffix, i)))
		}
	}
	fresh := func() {
		w, n = newRobustWorld(t, e), n+1
		regen()
		if storesNothing {
			built = w.stored(e)
		}
	}
	unchanged := func() {
		if after := w.stored(e); storesNothing && after != built {
			t.Errorf("%s: refused requests changed stored data:\nbefore %s\nafter  %s", route, built, after)
		}
	}
	consume := consumables[route]
	send := func(i int) resp {
		if consume != nil {
			if old, new := consume(t, e, &w); old != "" {
				for k := range list {
					list[k].raw = bytes.ReplaceAll(list[k].raw, []byte(old), []byte(new))
				}
			}
		}
		clearSignInLimits(t, e)
		return e.do(req{method: method, path: w.path(pattern), token: w.token(pattern), body: list[i].raw})
	}
	fresh()
	var retry []int // refused after the world had accepted a body
	dirty := false
	for i := range list {
		if list[i].mayPass && storesNothing && !dirty {
			unchanged()
		}
		r := send(i)
		if r.Status >= 400 && dirty {
			retry = append(retry, i)
			continue
		}
		if check(list[i], r) {
			return n
		}
		dirty = dirty || (r.Status < 400 && consume == nil)
	}
	if storesNothing && !dirty {
		unchanged()
	}
	for k, i := range retry {
		if k == 0 || dirty {
			fresh()
		}
		r := send(i)
		if check(list[i], r) {
			return n
		}
		dirty = r.Status < 400
	}
	return n
}
