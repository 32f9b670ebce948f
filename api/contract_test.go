package api

// The HTTP contract (the promises outside tools rely on, summarised in the
// README's "The HTTP API" section) in one place: one test per promise,
// checking the status codes, field names and shapes. Many rules are tested
// more deeply elsewhere; this file reads as the contract. Which routes exist,
// and who may call them, is checked from the route table itself
// (denial_test.go), and so is the API's own description (openapi_test.go).

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"trappen/models"
)

// hasKeys fails unless m holds every key.
func hasKeys(t *testing.T, what string, m map[string]any, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Errorf("%s lacks %q: %v", what, k, m)
		}
	}
}

// obj is v as a JSON object, failing otherwise.
func obj(t *testing.T, what string, v any) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s is not an object: %#v", what, v)
	}
	return m
}

// list is v as a JSON array, failing otherwise.
func list(t *testing.T, what string, v any) []any {
	t.Helper()
	l, ok := v.([]any)
	if !ok {
		t.Fatalf("%s is not an array: %#v", what, v)
	}
	return l
}

// isTimestamp fails unless v is an RFC 3339 timestamp with an offset.
func isTimestamp(t *testing.T, what string, v any) time.Time {
	t.Helper()
	s, _ := v.(string)
	ts, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("%s = %#v is not RFC 3339 with an offset", what, v)
	}
	return ts
}

func wantCode(t *testing.T, r resp, status int, code string) {
	t.Helper()
	expect(t, r, status)
	if got := r.ErrorCode(t); got != code {
		t.Fatalf("code %q, want %q: %s", got, code, r.Body)
	}
}

func refreshCookieOf(t *testing.T, r resp) *http.Cookie {
	t.Helper()
	for _, c := range r.Cookies {
		if c.Name == refreshCookie && c.Value != "" {
			return c
		}
	}
	t.Fatalf("no refresh cookie in %v", r.Header["Set-Cookie"])
	return nil
}

// --- Conventions

func TestContractErrorsAreA4xxWithCodeMessageAndFields(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		for name, body := range map[string]any{"malformed JSON": `{"name":`, "wrong types": map[string]any{"category": "2"},
			"unknown enum": map[string]any{"name": "Bo", "email": "bo@example.dk", "locale": "sv", "first_sick_day": "2026-02-16", "category": 2},
			"oversized":    `{"name":"` + strings.Repeat("x", MaxBodyBytes) + `"}`} {
			r := e.post("/api/v1/citizens", cw.Token, body)
			if r.Status < 400 || r.Status >= 500 {
				t.Fatalf("%s: status %d", name, r.Status)
			}
			m := obj(t, name, r.JSON(t)["error"])
			hasKeys(t, name, m, "code", "message")
			if strings.Contains(string(r.Body), "goroutine") || strings.Contains(string(r.Body), ".go:") {
				t.Fatalf("%s: a stack trace leaked: %s", name, r.Body)
			}
		}
		r := expect(t, e.post("/api/v1/citizens", cw.Token, map[string]any{"category": 2}), 422)
		if f := obj(t, "fields", r.JSON(t)["error"].(map[string]any)["fields"]); f["email"] == nil {
			t.Fatalf("fields do not name the field: %s", r.Body)
		}
	})
}

func TestContractSomeoneElsesResourceIs404LikeAMissingOne(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		sara, kim := e.caseworker("sara@example.dk"), e.caseworker("kim@example.dk")
		bo := e.citizen(sara, "bo@example.dk")
		theirs := expect(t, e.get("/api/v1/citizens/"+bo.ID, kim.Token), 404)
		missing := expect(t, e.get("/api/v1/citizens/"+models.NewID(), kim.Token), 404)
		if string(theirs.Body) != string(missing.Body) {
			t.Fatalf("someone else's citizen differs from a missing one:\n%s\n%s", theirs.Body, missing.Body)
		}
	})
}

func TestContractLanguageIsAcceptLanguageForAnonymousAndTheUsersLocaleAfterLogin(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		wrong := map[string]string{"email": "nobody@example.dk", "password": "wrong password"}
		da := e.do(req{method: "POST", path: "/api/v1/auth/login", body: wrong})
		en := e.do(req{method: "POST", path: "/api/v1/auth/login", body: wrong, header: map[string]string{"Accept-Language": "en"}})
		msg := func(r resp) string { return r.JSON(t)["error"].(map[string]any)["message"].(string) }
		if msg(da) == msg(en) || !strings.Contains(strings.ToLower(msg(en)), "password") {
			t.Fatalf("anonymous messages: da %q, en %q", msg(da), msg(en))
		}
		cw := e.caseworker("sara@example.dk")
		in := citizenInput("bo@example.dk")
		in["locale"] = "en"
		code := expect(t, e.post("/api/v1/citizens", cw.Token, in), 201).JSON(t)["invite_code"].(string)
		bo := sessionFrom(t, expect(t, e.post("/api/v1/auth/activate", "", map[string]string{"invite_code": code, "password": testPassword}), 200))
		r := e.do(req{method: "POST", path: "/api/v1/me/checkins", token: bo.Token, body: `{`, header: map[string]string{"Accept-Language": "da"}})
		if got, want := msg(r), msg(e.do(req{method: "POST", path: "/api/v1/auth/login", body: `{`, header: map[string]string{"Accept-Language": "en"}})); got != want {
			t.Fatalf("a signed-in English user got %q, want %q", got, want)
		}
	})
}

// --- Health

func TestContractHealthzAndReadyz(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		if r := expect(t, e.get("/healthz", ""), 200); string(r.Body) != `{"status":"ok"}` {
			t.Fatalf("healthz %s", r.Body)
		}
		expect(t, e.get("/readyz", ""), 200)
		e.store.SQL.Close()
		expect(t, e.get("/readyz", ""), 503)
		expect(t, e.get("/healthz", ""), 200)
	})
}

// --- Auth

func TestContractLoginAnswersTokenExpiryAndUser(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		e.citizen(cw, "bo@example.dk")
		for email, role := range map[string]string{"sara@example.dk": "caseworker", "bo@example.dk": "citizen"} {
			r := expect(t, e.post("/api/v1/auth/login", "", map[string]string{"email": email, "password": testPassword}), 200)
			m := r.JSON(t)
			hasKeys(t, "login", m, "access_token", "expires_in", "user")
			if tok, _ := m["access_token"].(string); strings.Count(tok, ".") != 2 {
				t.Fatalf("access_token is not a JWT: %v", m["access_token"])
			}
			if n, _ := m["expires_in"].(float64); n <= 0 {
				t.Fatalf("expires_in %v", m["expires_in"])
			}
			u := obj(t, "user", m["user"])
			hasKeys(t, "user", u, "id", "role", "name", "locale")
			if u["role"] != role {
				t.Fatalf("role %v, want %s", u["role"], role)
			}
		}
	})
}

func TestContractWrongEmailAndWrongPasswordGiveTheSame401ThenA429(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		e.caseworker("sara@example.dk")
		a := expect(t, e.post("/api/v1/auth/login", "", map[string]string{"email": "sara@example.dk", "password": "wrong password"}), 401)
		b := expect(t, e.post("/api/v1/auth/login", "", map[string]string{"email": "nobody@example.dk", "password": "wrong password"}), 401)
		if string(a.Body) != string(b.Body) {
			t.Fatalf("401s differ:\n%s\n%s", a.Body, b.Body)
		}
		last := a
		for i := 0; i < 10 && last.Status != 429; i++ {
			last = e.post("/api/v1/auth/login", "", map[string]string{"email": "sara@example.dk", "password": "wrong password"})
		}
		expect(t, last, 429).ErrorCode(t)
	})
}

func TestContractRefreshCookieIsHttpOnlyStrictAndRotatedOnEveryUse(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		e.caseworker("sara@example.dk")
		r := expect(t, e.post("/api/v1/auth/login", "", map[string]string{"email": "sara@example.dk", "password": testPassword}), 200)
		first := refreshCookieOf(t, r)
		if !first.HttpOnly || first.SameSite != http.SameSiteStrictMode {
			t.Fatalf("refresh cookie %+v must be HttpOnly and SameSite=Strict", first)
		}
		if first.Secure {
			t.Fatalf("plain http must not get a Secure cookie the browser then drops")
		}
		again := expect(t, e.do(req{method: "POST", path: "/api/v1/auth/refresh", cookies: []*http.Cookie{first}}), 200)
		if tok, _ := again.JSON(t)["access_token"].(string); tok == "" {
			t.Fatalf("refresh gave no access_token: %s", again.Body)
		}
		second := refreshCookieOf(t, again)
		if second.Value == first.Value || !second.HttpOnly || second.SameSite != http.SameSiteStrictMode {
			t.Fatalf("refresh did not rotate the cookie: %+v", second)
		}
		expect(t, e.do(req{method: "POST", path: "/api/v1/auth/refresh", cookies: []*http.Cookie{second}}), 200)
		expect(t, e.do(req{method: "POST", path: "/api/v1/auth/refresh", cookies: []*http.Cookie{first}}), 401).ErrorCode(t)
	})
}

func TestContractLogoutIs204AndTheRefreshTokenStopsWorking(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		s := e.caseworker("sara@example.dk")
		expect(t, e.do(req{method: "POST", path: "/api/v1/auth/logout", cookies: []*http.Cookie{s.Refresh}}), 204)
		expect(t, e.do(req{method: "POST", path: "/api/v1/auth/refresh", cookies: []*http.Cookie{s.Refresh}}), 401).ErrorCode(t)
	})
}

func TestContractMeAnswersIdRoleNameLocale(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		bo := e.citizen(cw, "bo@example.dk")
		for _, s := range []session{cw, bo} {
			m := expect(t, e.get("/api/v1/me", s.Token), 200).JSON(t)
			hasKeys(t, "me", m, "id", "role", "name", "locale")
			if m["id"] != s.ID {
				t.Fatalf("me id %v, want %s", m["id"], s.ID)
			}
		}
		expect(t, e.get("/api/v1/me", ""), 401).ErrorCode(t)
	})
}

func TestContractActivationAnswersAsLoginWorksOnceAndExpiresAfter14Days(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		code := expect(t, e.post("/api/v1/citizens", cw.Token, citizenInput("bo@example.dk")), 201).JSON(t)["invite_code"].(string)
		activate := map[string]string{"invite_code": code, "password": testPassword}
		r := expect(t, e.post("/api/v1/auth/activate", "", activate), 200)
		m := r.JSON(t)
		hasKeys(t, "activate", m, "access_token", "expires_in", "user")
		if obj(t, "user", m["user"])["role"] != "citizen" {
			t.Fatalf("activation user %v", m["user"])
		}
		refreshCookieOf(t, r)
		if again := e.post("/api/v1/auth/activate", "", activate); again.Status < 400 || again.Status >= 500 {
			t.Fatalf("an invite code worked twice: %d", again.Status)
		}
		late := expect(t, e.post("/api/v1/citizens", cw.Token, citizenInput("al@example.dk")), 201).JSON(t)["invite_code"].(string)
		e.clock.Advance(models.InviteLifetime)
		if r := e.post("/api/v1/auth/activate", "", map[string]string{"invite_code": late, "password": testPassword}); r.Status < 400 || r.Status >= 500 {
			t.Fatalf("an invite code worked after 14 days: %d", r.Status)
		}
	})
}

// --- Caseworker

func TestContractRegisteringACitizenAnswers201WithTheInvite(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		for i, category := range []int{1, 2, 3} {
			in := citizenInput([]string{"a@example.dk", "b@example.dk", "c@example.dk"}[i])
			in["category"] = category
			in["locale"] = []string{"da", "en", "da"}[i]
			m := expect(t, e.post("/api/v1/citizens", cw.Token, in), 201).JSON(t)
			hasKeys(t, "created citizen", m, "id", "invite_code", "invite_expires_at")
			exp := isTimestamp(t, "invite_expires_at", m["invite_expires_at"])
			if !exp.Equal(e.clock.Now().Add(models.InviteLifetime)) {
				t.Fatalf("invite_expires_at %v, want 14 days from now", exp)
			}
		}
		minimal := map[string]any{"name": "Al", "email": "al@example.dk", "locale": "da", "first_sick_day": "2026-02-16", "category": 1}
		expect(t, e.post("/api/v1/citizens", cw.Token, minimal), 201)
		for field, bad := range map[string]any{"category": 4, "locale": "sv"} {
			in := citizenInput("x@example.dk")
			in[field] = bad
			if f := expect(t, e.post("/api/v1/citizens", cw.Token, in), 422).Fields(t); f[field] == "" {
				t.Fatalf("no field error for %s", field)
			}
		}
	})
}

func TestContractTheCaseloadListsOnlyTheCallersCitizens(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		sara, kim := e.caseworker("sara@example.dk"), e.caseworker("kim@example.dk")
		bo := e.citizen(sara, "bo@example.dk")
		items := list(t, "items", expect(t, e.get("/api/v1/citizens", sara.Token), 200).JSON(t)["items"])
		if len(items) != 1 {
			t.Fatalf("caseload %v", items)
		}
		it := obj(t, "item", items[0])
		hasKeys(t, "caseload item", it, "id", "name")
		if it["id"] != bo.ID {
			t.Fatalf("item id %v", it["id"])
		}
		if l := list(t, "items", expect(t, e.get("/api/v1/citizens", kim.Token), 200).JSON(t)["items"]); len(l) != 0 {
			t.Fatalf("kim sees %v", l)
		}
	})
}

func TestContractACitizenShowsGoalsPlanMeetingsWithRepliesAndSharedReflectionsAndFastTrack(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		bo := e.citizen(cw, "bo@example.dk")
		base := "/api/v1/citizens/" + bo.ID
		expect(t, e.post(base+"/goals", cw.Token, map[string]any{"title": "Tilbage på fuld tid"}), 201)
		expect(t, e.put(base+"/plan", cw.Token, contractPlan("2026-03-02")), 200)
		soon := e.clock.Now().Add(72 * time.Hour).Format(time.RFC3339)
		shared := expect(t, e.post(base+"/meetings", cw.Token, map[string]any{"kind": "roundtable", "starts_at": soon, "location": "Jobcentret"}), 201).JSON(t)["id"].(string)
		private := expect(t, e.post(base+"/meetings", cw.Token, map[string]any{"kind": "follow_up", "starts_at": soon, "location": "Telefon"}), 201).JSON(t)["id"].(string)
		expect(t, e.put("/api/v1/me/meetings/"+shared+"/reply", bo.Token, map[string]any{"response": "attending"}), 200)
		reflection := func(share bool) map[string]any {
			return map[string]any{"came_from": "HEMMELIGT", "heading_to": "b", "proposal": "c", "shared": share}
		}
		expect(t, e.put("/api/v1/me/meetings/"+shared+"/reflection", bo.Token, reflection(true)), 200)
		expect(t, e.put("/api/v1/me/meetings/"+private+"/reflection", bo.Token, reflection(false)), 200)
		expect(t, e.post(base+"/fast-track", cw.Token, map[string]any{"requested_by": "employer",
			"requested_at": e.clock.Now().Format(time.RFC3339), "expected_weeks": 12}), 201)

		r := expect(t, e.get(base, cw.Token), 200)
		m := r.JSON(t)
		hasKeys(t, "citizen", m, "id", "name", "goals", "plan", "meetings", "fast_track")
		if len(list(t, "goals", m["goals"])) != 1 || obj(t, "plan", m["plan"])["weeks"] == nil || m["fast_track"] == nil {
			t.Fatalf("detail lacks content: %s", r.Body)
		}
		if strings.Count(string(r.Body), "HEMMELIGT") != 1 {
			t.Fatalf("want exactly the shared reflection, never the unshared one: %s", r.Body)
		}
		for _, mt := range list(t, "upcoming", obj(t, "meetings", m["meetings"])["upcoming"]) {
			mv := obj(t, "meeting", mt)
			if mv["id"] == shared && (mv["reply"] == nil || mv["reflection"] == nil) {
				t.Fatalf("the shared meeting lacks reply or reflection: %v", mv)
			}
			if mv["id"] == private && mv["reflection"] != nil {
				t.Fatalf("an unshared reflection is shown: %v", mv)
			}
		}
	})
}

func TestContractGoalsAre201AndAParentMakesASubGoal(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		bo := e.citizen(cw, "bo@example.dk")
		path := "/api/v1/citizens/" + bo.ID + "/goals"
		top := expect(t, e.post(path, cw.Token, map[string]any{"title": "Tilbage på fuld tid", "target_date": "2026-06-01",
			"activities": []string{"Gå en tur"}}), 201).JSON(t)
		hasKeys(t, "goal", top, "id")
		sub := expect(t, e.post(path, cw.Token, map[string]any{"title": "12 timer om ugen", "parent_id": top["id"]}), 201).JSON(t)
		if sub["parent_id"] != top["id"] || top["parent_id"] != nil {
			t.Fatalf("overall %v, sub %v", top, sub)
		}
		expect(t, e.post(path, cw.Token, map[string]any{"title": "x", "parent_id": models.NewID()}), 422)
	})
}

// contractPlan is a one-week plan starting weekStart.
func contractPlan(weekStart string) map[string]any {
	return map[string]any{"weeks": []any{map[string]any{"week_start": weekStart,
		"hours": map[string]float64{"mon": 2, "tue": 2.25, "wed": 0, "thu": 24, "fri": 0.5}, "note": "Stille start"}},
		"allowed_tasks": []string{"Kontor"}, "avoid_tasks": []string{"Tunge løft"}}
}

func TestContractPlanPutIs200WithMondaysAndQuarterHours(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		bo := e.citizen(cw, "bo@example.dk")
		path := "/api/v1/citizens/" + bo.ID + "/plan"
		expect(t, e.put(path, cw.Token, contractPlan("2026-03-02")), 200)
		expect(t, e.put(path, cw.Token, map[string]any{"weeks": contractPlan("2026-03-09")["weeks"]}), 200)
		expect(t, e.put(path, cw.Token, contractPlan("2026-03-03")), 422) // a Tuesday
		for _, h := range []float64{0.3, 24.25, -0.25} {
			p := contractPlan("2026-03-02")
			p["weeks"].([]any)[0].(map[string]any)["hours"].(map[string]float64)["mon"] = h
			expect(t, e.put(path, cw.Token, p), 422)
		}
	})
}

func TestContractMeetingsAreBookedMovedAndCancelled(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		bo := e.citizen(cw, "bo@example.dk")
		path := "/api/v1/citizens/" + bo.ID + "/meetings"
		at := e.clock.Now().Add(72 * time.Hour)
		var id string
		for _, kind := range []string{"roundtable", "follow_up", "status", "other"} {
			m := expect(t, e.post(path, cw.Token, map[string]any{"kind": kind, "starts_at": at.Format(time.RFC3339),
				"location": "Jobcentret", "participants": []string{"Arbejdsgiver"}, "agenda": "Plan"}), 201).JSON(t)
			hasKeys(t, "meeting", m, "id")
			id = m["id"].(string)
		}
		expect(t, e.post(path, cw.Token, map[string]any{"kind": "party", "starts_at": at.Format(time.RFC3339), "location": "x"}), 422)
		moved := at.Add(24 * time.Hour)
		m := expect(t, e.patch(path+"/"+id, cw.Token, map[string]any{"starts_at": moved.Format(time.RFC3339)}), 200).JSON(t)
		if !isTimestamp(t, "starts_at", m["starts_at"]).Equal(moved) {
			t.Fatalf("not moved: %v", m)
		}
		if r := e.delete(path+"/"+id, cw.Token); r.Status != 200 && r.Status != 204 {
			t.Fatalf("cancel: %d %s", r.Status, r.Body)
		}
		for _, mt := range list(t, "upcoming", expect(t, e.get("/api/v1/me/meetings", bo.Token), 200).JSON(t)["upcoming"]) {
			if obj(t, "meeting", mt)["id"] == id {
				t.Fatalf("a cancelled meeting is still upcoming")
			}
		}
	})
}

// fastTrackCitizen registers a fresh citizen (first sick day 2026-02-16) and
// returns its id and session.
func fastTrackCitizen(e *env, cw session, email string) session {
	return e.citizen(cw, email)
}

func registerFT(e *env, cw session, citizenID, by, at string, weeks int) resp {
	return e.post("/api/v1/citizens/"+citizenID+"/fast-track", cw.Token,
		map[string]any{"requested_by": by, "requested_at": at, "expected_weeks": weeks})
}

func TestContractFastTrackIs201PendingForTheEmployerAcceptedForTheCitizenLapsedWhenLate(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		now := e.clock.Now().Format(time.RFC3339)
		cases := []struct{ by, at, status string }{
			{"employer", now, "pending"},
			{"citizen", now, "accepted"},
			{"employer", "2026-02-20T10:00:00+01:00", "lapsed"}, // its deadline was 22 February
		}
		for i, c := range cases {
			bo := fastTrackCitizen(e, cw, []string{"a@example.dk", "b@example.dk", "c@example.dk"}[i])
			m := expect(t, registerFT(e, cw, bo.ID, c.by, c.at, 12), 201).JSON(t)
			hasKeys(t, "fast track", m, "id", "status", "consent_deadline")
			isTimestamp(t, "consent_deadline", m["consent_deadline"])
			if m["status"] != c.status {
				t.Fatalf("%s at %s: status %v, want %s", c.by, c.at, m["status"], c.status)
			}
		}
	})
}

func TestContractFastTrackIsTooLateAfterDay35InCopenhagenCheckedBeforeTooShort(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		e.caseworker("sara@example.dk")
		cases := []struct {
			name, at string
			weeks    int
			status   int
			code     string
		}{
			// The first sick day is 16 February, so day 35 is 23 March (CET).
			{"day 35, late evening in Copenhagen", "2026-03-23T23:30:00+01:00", 12, 201, ""},
			{"day 36 in Copenhagen, still day 35 in UTC", "2026-03-23T23:30:00Z", 12, 422, "fast_track_too_late"},
			{"too late and too short", "2026-03-24T12:00:00+01:00", 4, 422, "fast_track_too_late"},
			{"exactly 8 weeks", "2026-03-02T09:00:00+01:00", 8, 422, "fast_track_too_short"},
			{"9 weeks", "2026-03-02T09:00:00+01:00", 9, 201, ""},
		}
		for i, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				// Registered when it arrives: a request cannot lie in the future.
				at, _ := time.Parse(time.RFC3339, c.at)
				e.clock.Set(at.Add(time.Minute))
				cw := e.login("sara@example.dk", testPassword)
				bo := fastTrackCitizen(e, cw, string(rune('a'+i))+"@example.dk")
				r := expect(t, registerFT(e, cw, bo.ID, "employer", c.at, c.weeks), c.status)
				if c.code != "" && r.ErrorCode(t) != c.code {
					t.Fatalf("code %s, want %s", r.ErrorCode(t), c.code)
				}
			})
		}
	})
}

func TestContractProgressionIs200(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		bo := e.citizen(cw, "bo@example.dk")
		expect(t, e.get("/api/v1/citizens/"+bo.ID+"/progression", cw.Token), 200).JSON(t)
	})
}

// --- Citizen

func TestContractTheCitizensScreensAre200(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		bo := e.citizen(cw, "bo@example.dk")
		base := "/api/v1/citizens/" + bo.ID
		expect(t, e.post(base+"/goals", cw.Token, map[string]any{"title": "Tilbage på fuld tid"}), 201)
		expect(t, e.put(base+"/plan", cw.Token, contractPlan("2026-03-02")), 200)
		expect(t, e.post(base+"/meetings", cw.Token, map[string]any{"kind": "status",
			"starts_at": e.clock.Now().Add(48 * time.Hour).Format(time.RFC3339), "location": "Jobcentret"}), 201)
		expect(t, registerFT(e, cw, bo.ID, "employer", e.clock.Now().Format(time.RFC3339), 12), 201)
		expect(t, e.post("/api/v1/me/checkins", bo.Token, map[string]any{"id": models.NewID(),
			"recorded_at": e.clock.Now().Format(time.RFC3339), "wellbeing": 7}), 201)

		home := expect(t, e.get("/api/v1/me/home", bo.Token), 200)
		m := home.JSON(t)
		hasKeys(t, "home", m, "next_meetings", "this_week", "goals", "fast_track", "last_checkin")
		if len(list(t, "next_meetings", m["next_meetings"])) != 1 || m["this_week"] == nil || m["fast_track"] == nil || m["last_checkin"] == nil {
			t.Fatalf("home lacks content: %s", home.Body)
		}
		for _, p := range []string{"/api/v1/me/plan", "/api/v1/me/goals", "/api/v1/me/meetings"} {
			expect(t, e.get(p, bo.Token), 200).JSON(t)
		}
	})
}

func TestContractCheckInsAre201ReplayIs200AndAnotherBodyIs409(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		bo := e.citizen(cw, "bo@example.dk")
		goal := expect(t, e.post("/api/v1/citizens/"+bo.ID+"/goals", cw.Token, map[string]any{"title": "Gå ture"}), 201).JSON(t)["id"]
		in := map[string]any{"id": models.NewID(), "recorded_at": e.clock.Now().Format(time.RFC3339),
			"goal_scores": []any{map[string]any{"goal_id": goal, "score": 10}}, "staircase_step": 6, "wellbeing": 0,
			"hours_worked": 4.5, "note": "God dag"}
		expect(t, e.post("/api/v1/me/checkins", bo.Token, in), 201)
		expect(t, e.post("/api/v1/me/checkins", bo.Token, in), 200)
		if n := len(list(t, "items", expect(t, e.get("/api/v1/me/checkins", bo.Token), 200).JSON(t)["items"])); n != 1 {
			t.Fatalf("a replay stored something: %d check-ins", n)
		}
		other := map[string]any{}
		for k, v := range in {
			other[k] = v
		}
		other["note"] = "Noget andet"
		expect(t, e.post("/api/v1/me/checkins", bo.Token, other), 409).ErrorCode(t)
		for field, bad := range map[string]any{"wellbeing": 11, "staircase_step": 0} {
			b := map[string]any{"id": models.NewID(), "recorded_at": e.clock.Now().Format(time.RFC3339), field: bad}
			expect(t, e.post("/api/v1/me/checkins", bo.Token, b), 422)
		}
		b := map[string]any{"id": models.NewID(), "recorded_at": e.clock.Now().Format(time.RFC3339), "staircase_step": 7}
		expect(t, e.post("/api/v1/me/checkins", bo.Token, b), 422)
		b = map[string]any{"id": models.NewID(), "recorded_at": e.clock.Now().Format(time.RFC3339),
			"goal_scores": []any{map[string]any{"goal_id": goal, "score": -1}}}
		expect(t, e.post("/api/v1/me/checkins", bo.Token, b), 422)
	})
}

func TestContractCheckInsAreListedNewestFirst(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		bo := e.citizen(cw, "bo@example.dk")
		now := e.clock.Now()
		for _, ago := range []time.Duration{48 * time.Hour, 0, 24 * time.Hour} {
			expect(t, e.post("/api/v1/me/checkins", bo.Token, map[string]any{"id": models.NewID(),
				"recorded_at": now.Add(-ago).Format(time.RFC3339), "wellbeing": 5}), 201)
		}
		items := list(t, "items", expect(t, e.get("/api/v1/me/checkins", bo.Token), 200).JSON(t)["items"])
		var prev time.Time
		for i, it := range items {
			at := isTimestamp(t, "recorded_at", obj(t, "item", it)["recorded_at"])
			if i > 0 && at.After(prev) {
				t.Fatalf("not newest first: %v", items)
			}
			prev = at
		}
		if len(items) != 3 {
			t.Fatalf("%d items", len(items))
		}
	})
}

func TestContractAReflectionPutIs200(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		bo := e.citizen(cw, "bo@example.dk")
		id := expect(t, e.post("/api/v1/citizens/"+bo.ID+"/meetings", cw.Token, map[string]any{"kind": "roundtable",
			"starts_at": e.clock.Now().Add(72 * time.Hour).Format(time.RFC3339), "location": "Jobcentret"}), 201).JSON(t)["id"].(string)
		expect(t, e.put("/api/v1/me/meetings/"+id+"/reflection", bo.Token,
			map[string]any{"came_from": "a", "heading_to": "b", "proposal": "c", "shared": false}), 200)
		e.clock.Advance(10 * time.Minute) // within the access token's life
		m := expect(t, e.put("/api/v1/me/meetings/"+id+"/reflection", bo.Token,
			map[string]any{"came_from": "a", "heading_to": "b", "proposal": "d", "shared": true}), 200).JSON(t)
		if at := isTimestamp(t, "updated_at", m["updated_at"]); !at.Equal(e.clock.Now()) {
			t.Fatalf("updated_at %v is not the server's now %v", at, e.clock.Now())
		}
		expect(t, e.put("/api/v1/me/meetings/"+models.NewID()+"/reflection", bo.Token,
			map[string]any{"came_from": "a", "heading_to": "b", "proposal": "c", "shared": false}), 404)
	})
}

func TestContractMyFastTrackIsNullThenTheRequest(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		bo := e.citizen(cw, "bo@example.dk")
		m := expect(t, e.get("/api/v1/me/fast-track", bo.Token), 200).JSON(t)
		if v, ok := m["request"]; !ok || v != nil {
			t.Fatalf("want request: null, got %v", m)
		}
		expect(t, registerFT(e, cw, bo.ID, "employer", e.clock.Now().Format(time.RFC3339), 12), 201)
		rq := obj(t, "request", expect(t, e.get("/api/v1/me/fast-track", bo.Token), 200).JSON(t)["request"])
		hasKeys(t, "request", rq, "id", "status", "requested_by", "requested_at", "consent_deadline")
		isTimestamp(t, "requested_at", rq["requested_at"])
		isTimestamp(t, "consent_deadline", rq["consent_deadline"])
	})
}

func TestContractAFastTrackDecisionIs200ThenAlreadyDecidedAndLateIsLapsed(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		now := e.clock.Now().Format(time.RFC3339)
		decide := func(s session, id, d string) resp {
			return e.post("/api/v1/me/fast-track/"+id+"/decision", s.Token, map[string]any{"decision": d})
		}
		for i, d := range []string{"accept", "decline"} {
			bo := e.citizen(cw, []string{"a@example.dk", "b@example.dk"}[i])
			id := expect(t, registerFT(e, cw, bo.ID, "employer", now, 12), 201).JSON(t)["id"].(string)
			expect(t, decide(bo, id, "maybe"), 422)
			m := expect(t, decide(bo, id, d), 200).JSON(t)
			if want := map[string]string{"accept": "accepted", "decline": "declined"}[d]; m["status"] != want {
				t.Fatalf("status %v, want %s", m["status"], want)
			}
			wantCode(t, decide(bo, id, "accept"), 409, "fast_track_already_decided")
		}
		bo := e.citizen(cw, "c@example.dk")
		id := expect(t, registerFT(e, cw, bo.ID, "employer", now, 12), 201).JSON(t)["id"].(string)
		e.clock.Advance(4 * 24 * time.Hour)
		bo = e.login("c@example.dk", testPassword) // the access token has expired meanwhile
		wantCode(t, decide(bo, id, "accept"), 409, "fast_track_deadline_passed")
		rq := obj(t, "request", expect(t, e.get("/api/v1/me/fast-track", bo.Token), 200).JSON(t)["request"])
		if rq["status"] != "lapsed" {
			t.Fatalf("status %v after the deadline, want lapsed", rq["status"])
		}
	})
}

func TestContractPushPublicKeyAndSubscriptions(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		if k, _ := expect(t, e.get("/api/v1/push/public-key", ""), 200).JSON(t)["key"].(string); k == "" {
			t.Fatal("no key")
		}
		cw := e.caseworker("sara@example.dk")
		bo := e.citizen(cw, "bo@example.dk")
		p256dh, auth := browserKeys(t)
		expect(t, e.post("/api/v1/me/push-subscriptions", bo.Token, subscription(testPushPrefix+"abc", p256dh, auth)), 201)
		r := expect(t, e.post("/api/v1/me/push-subscriptions", bo.Token, subscription("https://evil.example/abc", p256dh, auth)), 422)
		if r.Fields(t)["endpoint"] == "" {
			t.Fatalf("no field error on endpoint: %s", r.Body)
		}
		expect(t, e.do(req{method: "DELETE", path: "/api/v1/me/push-subscriptions", token: bo.Token,
			body: map[string]string{"endpoint": testPushPrefix + "abc"}}), 204)
	})
}

func TestContractNotificationSettingsDefaultAndPut(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		bo := e.citizen(cw, "bo@example.dk")
		path := "/api/v1/me/notification-settings"
		const def = `{"quiet_hours":{"start":"21:00","end":"08:00"},"paused_until":null}`
		if r := expect(t, e.get(path, bo.Token), 200); !sameJSON(t, r.Body, def) {
			t.Fatalf("default %s, want %s", r.Body, def)
		}
		pause := e.clock.Now().Add(48 * time.Hour).Format(time.RFC3339)
		body := `{"quiet_hours":{"start":"22:30","end":"07:00"},"paused_until":"` + pause + `"}`
		if r := expect(t, e.put(path, bo.Token, body), 200); !sameJSON(t, r.Body, body) {
			t.Fatalf("PUT answered %s, want %s", r.Body, body)
		}
		off := `{"quiet_hours":null,"paused_until":null}`
		expect(t, e.put(path, bo.Token, off), 200)
		if r := expect(t, e.get(path, bo.Token), 200); !sameJSON(t, r.Body, off) {
			t.Fatalf("after switching off: %s", r.Body)
		}
		expect(t, e.put(path, bo.Token, `{"quiet_hours":{"start":"25:00","end":"07:00"},"paused_until":null}`), 422)
	})
}

// sameJSON compares two JSON documents by value.
func sameJSON(t *testing.T, a []byte, b string) bool {
	t.Helper()
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		t.Fatalf("not JSON: %s / %s", a, b)
	}
	ax, _ := json.Marshal(x)
	by, _ := json.Marshal(y)
	return string(ax) == string(by)
}

func TestContractExportIs200WithTheCitizensOwnData(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		bo := e.citizen(cw, "bo@example.dk")
		expect(t, e.post("/api/v1/me/checkins", bo.Token, map[string]any{"id": models.NewID(),
			"recorded_at": e.clock.Now().Format(time.RFC3339), "note": "MIN-NOTE"}), 201)
		r := expect(t, e.get("/api/v1/me/export", bo.Token), 200)
		r.JSON(t)
		if !strings.Contains(string(r.Body), "MIN-NOTE") || !strings.Contains(string(r.Body), "bo@example.dk") {
			t.Fatalf("export lacks the citizen's data: %.500s", r.Body)
		}
		expect(t, e.get("/api/v1/me/export", cw.Token), 403)
	})
}
