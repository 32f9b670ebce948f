package api

import (
	"strings"
	"testing"
	"time"

	"trappen/models"
)

// takeoverWorld is Bo, active on Sara's caseload, with one private and one
// shared reflection.
type takeoverWorld struct {
	sara, bo           session
	private, shared    string // meeting ids
	privateText, share string
}

func newTakeoverWorld(t *testing.T, e *env) takeoverWorld {
	w := takeoverWorld{sara: e.caseworker("sara@example.dk"), privateText: "Jeg er bange for at miste jobbet", share: "Jeg vil prøve 10 timer"}
	w.bo = e.citizen(w.sara, "bo@example.dk")
	seed := seeder{t: t, store: e.store, by: w.sara.ID}
	w.private = seed.meeting(w.bo.ID, "roundtable", e.clock.Now().Add(5*24*time.Hour))
	w.shared = seed.meeting(w.bo.ID, "roundtable", e.clock.Now().Add(6*24*time.Hour))
	expect(t, e.put("/api/v1/me/meetings/"+w.private+"/reflection", w.bo.Token,
		map[string]any{"came_from": w.privateText, "heading_to": "x", "proposal": "y", "shared": false}), 200)
	expect(t, e.put("/api/v1/me/meetings/"+w.shared+"/reflection", w.bo.Token,
		map[string]any{"came_from": w.share, "heading_to": "x", "proposal": "y", "shared": true}), 200)
	return w
}

func (w takeoverWorld) reissue(t *testing.T, e *env) string {
	t.Helper()
	r := expect(t, e.post("/api/v1/citizens/"+w.bo.ID+"/invite", w.sara.Token, nil), 201).JSON(t)
	if r["usable_from"] != e.clock.Now().Add(models.ResetWaitingPeriod).Format(time.RFC3339) {
		t.Fatalf("usable_from = %v, want now + %v", r["usable_from"], models.ResetWaitingPeriod)
	}
	return r["invite_code"].(string)
}

func (e *env) activate(code, password string) resp {
	e.t.Helper()
	return e.post("/api/v1/auth/activate", "", map[string]string{"invite_code": code, "password": password})
}

const takeoverPassword = "the caseworker's choice"

// The caseworker holds every code she makes. A code made for an account the
// citizen uses is announced, waits three days, and dies when the citizen
// signs in; the citizen's password keeps working throughout.
func TestACaseworkerCannotTakeOverAnActiveAccount(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		w := newTakeoverWorld(t, e)
		code := w.reissue(t, e)

		// The citizen is told: access log, push job, notice on I dag.
		if got := e.accessLog(w.bo.Token, ""); len(got.Items) == 0 || got.Items[0].What != "invite" ||
			got.Items[0].CaseworkerName != "Sara Sagsbehandler" {
			t.Fatalf("access log = %+v", got.Items)
		}
		var jobs int64
		e.store.DB.Table("push_jobs").Where("citizen_id = ? AND type = ?", w.bo.ID, models.PushSignInCode).Count(&jobs)
		if jobs != 1 {
			t.Fatalf("%d push jobs for the new code, want 1", jobs)
		}
		notice, _ := expect(t, e.get("/api/v1/me/home", w.bo.Token), 200).JSON(t)["sign_in_code"].(map[string]any)
		if notice == nil || notice["caseworker_name"] != "Sara Sagsbehandler" {
			t.Fatalf("I dag shows no notice of the code: %v", notice)
		}

		// Not at once.
		r := expect(t, e.activate(code, takeoverPassword), 409)
		if r.ErrorCode(t) != "invite_waiting" {
			t.Fatalf("code = %s", r.ErrorCode(t))
		}
		// The citizen signs in meanwhile with the old password.
		e.clock.Advance(24 * time.Hour)
		e.login("bo@example.dk", testPassword)
		// After the wait the code is dead.
		e.clock.Advance(models.ResetWaitingPeriod)
		expect(t, e.activate(code, takeoverPassword), 401)
		expect(t, e.post("/api/v1/auth/login", "", map[string]string{"email": "bo@example.dk", "password": takeoverPassword}), 401)
		e.login("bo@example.dk", testPassword)
	})
}

// A citizen who forgot their password (and so has not signed in) gets back
// in through their caseworker after the wait, but their private reflections
// stay hidden from whoever set the new password; shared ones remain.
func TestAForgottenPasswordIsReplacedAfterTheWaitWithPrivateReflectionsSealed(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		w := newTakeoverWorld(t, e)
		e.clock.Advance(time.Hour)
		w.sara = e.login("sara@example.dk", testPassword)
		code := w.reissue(t, e)
		e.clock.Advance(models.ResetWaitingPeriod)
		fresh := sessionFrom(t, expect(t, e.activate(code, takeoverPassword), 200))
		expect(t, e.get("/api/v1/me", w.bo.Token), 401) // the old session ended

		for _, path := range []string{"/api/v1/me/meetings", "/api/v1/me/export"} {
			body := string(expect(t, e.get(path, fresh.Token), 200).Body)
			if strings.Contains(body, w.privateText) {
				t.Fatalf("%s shows the private reflection to the new password holder", path)
			}
			if !strings.Contains(body, w.share) {
				t.Fatalf("%s lost the shared reflection", path)
			}
		}
		if notice := expect(t, e.get("/api/v1/me/home", fresh.Token), 200).JSON(t)["sign_in_code"]; notice != nil {
			t.Fatalf("a used code is still announced: %v", notice)
		}
		// Writing the reflection anew replaces the sealed one.
		expect(t, e.put("/api/v1/me/meetings/"+w.private+"/reflection", fresh.Token,
			map[string]any{"came_from": "Ny start", "heading_to": "x", "proposal": "y", "shared": false}), 200)
		if body := string(expect(t, e.get("/api/v1/me/meetings", fresh.Token), 200).Body); !strings.Contains(body, "Ny start") {
			t.Fatalf("the new reflection is not shown: %s", body)
		}
	})
}

// The citizen removes a code they did not ask for.
func TestTheCitizenRemovesACodeTheyDidNotAskFor(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		w := newTakeoverWorld(t, e)
		code := w.reissue(t, e)
		expect(t, e.delete("/api/v1/me/sign-in-code", w.bo.Token), 204)
		if notice := expect(t, e.get("/api/v1/me/home", w.bo.Token), 200).JSON(t)["sign_in_code"]; notice != nil {
			t.Fatalf("a removed code is still announced: %v", notice)
		}
		e.clock.Advance(models.ResetWaitingPeriod + time.Hour)
		expect(t, e.activate(code, takeoverPassword), 401)
		sara := e.login("sara@example.dk", testPassword)
		expect(t, e.delete("/api/v1/me/sign-in-code", sara.Token), 403)
	})
}
