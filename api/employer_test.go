package api

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// employer invites an employer contact for citizenID, activates it and
// signs the employer in.
func (e *env) employer(cw session, citizenID, email string) (session, string) {
	e.t.Helper()
	r := expect(e.t, e.post("/api/v1/citizens/"+citizenID+"/employer-contacts", cw.Token,
		map[string]string{"name": "Mette Leder", "email": email}), 201).JSON(e.t)
	a := expect(e.t, e.post("/api/v1/auth/activate", "", map[string]string{"invite_code": r["invite_code"].(string), "password": testPassword}), 200)
	return sessionFrom(e.t, a), r["id"].(string)
}

func allSharing(on bool) map[string]bool {
	return map[string]bool{"plan": on, "meetings": on, "agreements": on, "placements": on}
}

func TestTheCaseworkerInvitesAnEmployerWhoFollowsSeveralEmployees(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("cw@example.dk")
		bo := e.citizen(cw, "bo@example.dk")
		ida := e.citizen(cw, "ida@example.dk")
		path := "/api/v1/citizens/" + bo.ID + "/employer-contacts"

		r := expect(t, e.post(path, cw.Token, map[string]string{"name": "Mette Leder", "email": "mette@firma.dk"}), 201).JSON(t)
		for _, k := range []string{"id", "name", "email", "invite_code", "invite_expires_at"} {
			if r[k] == nil || r[k] == "" {
				t.Fatalf("contact misses %s: %v", k, r)
			}
		}
		a := expect(t, e.post("/api/v1/auth/activate", "", map[string]string{"invite_code": r["invite_code"].(string), "password": testPassword}), 200).JSON(t)
		if a["user"].(map[string]any)["role"] != "employer" {
			t.Fatalf("activated as %v", a["user"])
		}
		mette := e.login("mette@firma.dk", testPassword)

		t.Run("a second employee links the same account at once", func(t *testing.T) {
			r2 := expect(t, e.post("/api/v1/citizens/"+ida.ID+"/employer-contacts", cw.Token,
				map[string]string{"name": "Mette Leder", "email": "METTE@firma.dk"}), 201).JSON(t)
			items := expect(t, e.get("/api/v1/employees", mette.Token), 200).JSON(t)["items"].([]any)
			if len(items) != 2 {
				t.Fatalf("employees %v", items)
			}
			code := r2["invite_code"].(string)
			bad := expect(t, e.post("/api/v1/auth/activate", "", map[string]string{"invite_code": code, "password": "somebody else's guess"}), 401)
			if bad.ErrorCode(t) != "invalid_invite" {
				t.Fatalf("a code on an existing account reset its password: %s", bad.Body)
			}
			expect(t, e.post("/api/v1/auth/activate", "", map[string]string{"invite_code": code, "password": testPassword}), 200)
			e.login("mette@firma.dk", testPassword)
		})
		t.Run("bad input, taken e-mails and duplicates are refused", func(t *testing.T) {
			if c := expect(t, e.post(path, cw.Token, map[string]string{"name": "", "email": "nope"}), 422).Fields(t); c["name"] == "" || c["email"] == "" {
				t.Fatalf("fields %v", c)
			}
			if c := expect(t, e.post(path, cw.Token, map[string]string{"name": "Ida", "email": "ida@example.dk"}), 409).ErrorCode(t); c != "email_taken" {
				t.Fatalf("a citizen's e-mail became an employer: %s", c)
			}
			if c := expect(t, e.post(path, cw.Token, map[string]string{"name": "Mette", "email": "mette@firma.dk"}), 409).ErrorCode(t); c != "contact_exists" {
				t.Fatalf("code %s", c)
			}
			expect(t, e.post(path, cw.Token, []int{1}), 400)
		})
		t.Run("another caseworker reaches none of it", func(t *testing.T) {
			kim := e.caseworker("kim@example.dk")
			expect(t, e.post(path, kim.Token, map[string]string{"name": "X", "email": "x@firma.dk"}), 404)
			expect(t, e.get(path, kim.Token), 404)
			expect(t, e.delete(path+"/"+r["id"].(string), kim.Token), 404)
		})
		t.Run("the caseworker lists contacts without their codes", func(t *testing.T) {
			items := expect(t, e.get(path, cw.Token), 200).JSON(t)["items"].([]any)
			c := items[0].(map[string]any)
			if len(items) != 1 || c["invite_code"] != nil || c["invite_pending"] != false || c["email"] != "mette@firma.dk" {
				t.Fatalf("contacts %v", items)
			}
		})
		t.Run("ending the access answers 404 at once, and only for that employee", func(t *testing.T) {
			expect(t, e.get("/api/v1/employees/"+bo.ID, mette.Token), 200)
			expect(t, e.delete(path+"/"+r["id"].(string), cw.Token), 204)
			expect(t, e.delete(path+"/"+r["id"].(string), cw.Token), 404)
			expect(t, e.get("/api/v1/employees/"+bo.ID, mette.Token), 404)
			expect(t, e.post("/api/v1/employees/"+bo.ID+"/placements", mette.Token, map[string]any{"step": 3}), 404)
			expect(t, e.post("/api/v1/employees/"+bo.ID+"/fast-track", mette.Token, map[string]any{"expected_weeks": 12}), 404)
			items := expect(t, e.get("/api/v1/employees", mette.Token), 200).JSON(t)["items"].([]any)
			if len(items) != 1 || items[0].(map[string]any)["id"] != ida.ID {
				t.Fatalf("employees after the end %v", items)
			}
		})
	})
}

func TestTheCitizenDecidesWhatTheEmployerSees(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("cw@example.dk")
		bo := e.citizen(cw, "bo@example.dk")
		mette, _ := e.employer(cw, bo.ID, "mette@firma.dk")
		seed := seeder{t: t, store: e.store, by: cw.ID}
		seed.meeting(bo.ID, "roundtable", e.clock.Now().Add(24*time.Hour))
		expect(t, e.post("/api/v1/citizens/"+bo.ID+"/placements", cw.Token, map[string]any{"party": "jobcenter", "step": 2, "date": "2026-03-02"}), 201)

		s := expect(t, e.get("/api/v1/me/employer-sharing", bo.Token), 200).JSON(t)
		if s["plan"] != false || s["meetings"] != false || s["agreements"] != false || s["placements"] != false {
			t.Fatalf("sharing is not off until chosen: %v", s)
		}
		if cs := s["contacts"].([]any); len(cs) != 1 || cs[0].(map[string]any)["name"] != "Mette Leder" {
			t.Fatalf("the citizen is not told who the contact is: %v", s)
		}
		off := expect(t, e.get("/api/v1/employees/"+bo.ID, mette.Token), 200).JSON(t)
		for _, k := range []string{"plan", "meetings", "agreements", "placements"} {
			if _, ok := off[k]; ok {
				t.Fatalf("%s shown while not shared: %v", k, off)
			}
		}
		if it := expect(t, e.get("/api/v1/employees", mette.Token), 200).JSON(t)["items"].([]any)[0].(map[string]any); it["next_meeting"] != nil || it["week_of_sickness"] != float64(3) {
			t.Fatalf("list while not shared: %v", it)
		}

		expect(t, e.put("/api/v1/me/employer-sharing", bo.Token, map[string]any{"plan": true}), 422)
		expect(t, e.put("/api/v1/me/employer-sharing", bo.Token, map[string]any{"plan": "yes", "meetings": true, "agreements": true, "placements": true}), 422)
		on := map[string]bool{"plan": true, "meetings": true, "agreements": false, "placements": true}
		expect(t, e.put("/api/v1/me/employer-sharing", bo.Token, on), 200)
		got := expect(t, e.get("/api/v1/employees/"+bo.ID, mette.Token), 200).JSON(t)
		ms, _ := got["meetings"].([]any)
		ps, _ := got["placements"].([]any)
		if got["plan"] == nil || len(ms) != 1 || len(ps) != 1 {
			t.Fatalf("shared parts missing: %v", got)
		}
		m := ms[0].(map[string]any)
		if m["kind"] != "roundtable" || m["location"] != "Jobcentret" || m["starts_at"] == nil {
			t.Fatalf("meeting %v", m)
		}
		if _, ok := m["agenda"]; ok {
			t.Fatalf("the agenda reached the employer: %v", m)
		}
		if it := expect(t, e.get("/api/v1/employees", mette.Token), 200).JSON(t)["items"].([]any)[0].(map[string]any); it["next_meeting"] == nil {
			t.Fatalf("next meeting not shown while shared: %v", it)
		}
		expect(t, e.get("/api/v1/me/employer-sharing", mette.Token), 403)

		t.Run("every employer read is in the citizen's access log, named as the employer", func(t *testing.T) {
			r := expect(t, e.get("/api/v1/me/access-log", bo.Token), 200)
			var body struct {
				Items []map[string]any `json:"items"`
			}
			if err := json.Unmarshal(r.Body, &body); err != nil {
				t.Fatal(err)
			}
			whats := map[string]int{}
			for _, it := range body.Items {
				if it["reader_role"] == "employer" {
					if it["reader_name"] != "Mette Leder" || it["caseworker_name"] != nil {
						t.Fatalf("employer entry %v", it)
					}
					whats[it["what"].(string)]++
				}
			}
			if whats["employee"] != 2 || whats["employees"] != 1 {
				t.Fatalf("employer reads logged %v (the list once a day, every detail read)", whats)
			}
		})
	})
}

func TestTheEmployerRequestsFastTrackUnderTheSameRules(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("cw@example.dk")
		bo := e.citizen(cw, "bo@example.dk")
		mette, _ := e.employer(cw, bo.ID, "mette@firma.dk")
		path := "/api/v1/employees/" + bo.ID + "/fast-track"

		if c := expect(t, e.post(path, mette.Token, map[string]any{"expected_weeks": 8}), 422).ErrorCode(t); c != "fast_track_too_short" {
			t.Fatalf("code %s", c)
		}
		expect(t, e.post(path, mette.Token, map[string]any{"expected_weeks": "12"}), 422)
		r := expect(t, e.post(path, mette.Token, map[string]any{"expected_weeks": 12}), 201).JSON(t)
		if r["requested_by"] != "employer" || r["status"] != "pending" || r["requested_at"] != "2026-03-02T08:00:00Z" {
			t.Fatalf("request %v", r)
		}
		mine := expect(t, e.get("/api/v1/me/fast-track", bo.Token), 200).JSON(t)["request"].(map[string]any)
		if mine["id"] != r["id"] || mine["status"] != "pending" {
			t.Fatalf("the citizen is not asked for consent: %v", mine)
		}
		other, _ := e.employer(cw, e.citizen(cw, "ida@example.dk").ID, "lars@firma.dk")
		expect(t, e.post(path, other.Token, map[string]any{"expected_weeks": 12}), 404)
		e.clock.Set(time.Date(2026, 3, 24, 9, 0, 0, 0, time.UTC)) // day 37
		mette = e.login("mette@firma.dk", testPassword)
		if c := expect(t, e.post(path, mette.Token, map[string]any{"expected_weeks": 12}), 422).ErrorCode(t); c != "fast_track_too_late" {
			t.Fatalf("code %s", c)
		}
	})
}

func TestTheEmployerPlacesTheEmployeeOnTheStaircase(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("cw@example.dk")
		bo := e.citizen(cw, "bo@example.dk")
		mette, _ := e.employer(cw, bo.ID, "mette@firma.dk")
		path := "/api/v1/employees/" + bo.ID + "/placements"
		expect(t, e.post(path, mette.Token, map[string]any{"step": 7}), 422)
		expect(t, e.post(path, mette.Token, map[string]any{"step": 3, "note": strings.Repeat("x", 1001)}), 422)
		r := expect(t, e.post(path, mette.Token, map[string]any{"step": 3, "note": "Kan tage kasseopgaver"}), 201).JSON(t)
		if r["party"] != "employer" || r["step"] != float64(3) || r["date"] != "2026-03-02" {
			t.Fatalf("placement %v", r)
		}
		items := expect(t, e.get("/api/v1/citizens/"+bo.ID+"/placements", cw.Token), 200).JSON(t)["items"].([]any)
		if len(items) != 1 || items[0].(map[string]any)["party"] != "employer" {
			t.Fatalf("the caseworker does not see the employer's placement: %v", items)
		}
		other, _ := e.employer(cw, e.citizen(cw, "ida@example.dk").ID, "lars@firma.dk")
		expect(t, e.post(path, other.Token, map[string]any{"step": 3}), 404)
	})
}
