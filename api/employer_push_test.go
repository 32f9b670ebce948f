package api

import (
	"testing"

	"trappen/models"
)

func TestTheEmployerManagesTheirOwnDevicesAndReminders(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("cw@example.dk")
		bo := e.citizen(cw, "bo@example.dk")
		mette, _ := e.employer(cw, bo.ID, "mette@firma.dk")
		p256dh, auth := browserKeys(t)
		endpoint := testPushPrefix + "mette-phone"
		expect(t, e.post("/api/v1/me/push-subscriptions", mette.Token, subscription(endpoint, p256dh, auth)), 201)
		items := expect(t, e.get("/api/v1/me/push-subscriptions", mette.Token), 200).JSON(t)["items"].([]any)
		if len(items) != 1 || items[0].(map[string]any)["endpoint"] != endpoint {
			t.Fatalf("devices %v", items)
		}
		if n := len(expect(t, e.get("/api/v1/me/push-subscriptions", bo.Token), 200).JSON(t)["items"].([]any)); n != 0 {
			t.Fatalf("the employee sees %d of the employer's devices", n)
		}
		_, otherAuth := browserKeys(t)
		if c := expect(t, e.post("/api/v1/me/push-subscriptions", bo.Token, subscription(endpoint, p256dh, otherAuth)), 409).ErrorCode(t); c != "push_endpoint_taken" {
			t.Fatalf("the employee took the employer's device: %s", c)
		}

		got := expect(t, e.put("/api/v1/me/notification-settings", mette.Token, map[string]any{
			"quiet_hours": map[string]string{"start": "20:00", "end": "07:00"}, "paused_until": nil}), 200).JSON(t)
		if qh := got["quiet_hours"].(map[string]any); qh["start"] != "20:00" || qh["end"] != "07:00" {
			t.Fatalf("settings %v", got)
		}
		mine := expect(t, e.get("/api/v1/me/notification-settings", bo.Token), 200).JSON(t)["quiet_hours"].(map[string]any)
		if mine["start"] != models.DefaultQuietStart {
			t.Fatalf("the employer's settings changed the employee's: %v", mine)
		}

		// The employee's case closes: the employer still manages their own phone.
		expect(t, e.post("/api/v1/citizens/"+bo.ID+"/close", cw.Token, map[string]any{"date": "2026-03-02", "reason": "returned_to_work"}), 200)
		expect(t, e.put("/api/v1/me/notification-settings", mette.Token, map[string]any{"quiet_hours": nil}), 200)
		expect(t, e.do(req{method: "DELETE", path: "/api/v1/me/push-subscriptions", token: mette.Token, body: map[string]string{"endpoint": endpoint}}), 204)
		if n := len(expect(t, e.get("/api/v1/me/push-subscriptions", mette.Token), 200).JSON(t)["items"].([]any)); n != 0 {
			t.Fatalf("%d devices after removing the only one", n)
		}
	})
}

func TestAnEmployerAccountThatFollowsNoOneIsDeleted(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("cw@example.dk")
		bo := e.citizen(cw, "bo@example.dk")
		ida := e.citizen(cw, "ida@example.dk")
		mette, metteBo := e.employer(cw, bo.ID, "mette@firma.dk")
		_, metteIda := e.employer(cw, ida.ID, "mette@firma.dk")
		mette = e.login("mette@firma.dk", testPassword)
		p256dh, auth := browserKeys(t)
		expect(t, e.post("/api/v1/me/push-subscriptions", mette.Token, subscription(testPushPrefix+"mette", p256dh, auth)), 201)
		expect(t, e.put("/api/v1/me/notification-settings", mette.Token, map[string]any{"quiet_hours": nil}), 200)
		expect(t, e.get("/api/v1/employees/"+ida.ID, mette.Token), 200) // in Ida's access log, by name
		rows := func(table, col, id string) int64 {
			var n int64
			if err := e.store.DB.Table(table).Where(col+" = ?", id).Count(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}

		t.Run("an account that still follows someone stays", func(t *testing.T) {
			expect(t, e.delete("/api/v1/citizens/"+bo.ID+"/employer-contacts/"+metteBo, cw.Token), 204)
			expect(t, e.get("/api/v1/employees/"+ida.ID, mette.Token), 200)
			if rows("push_subscriptions", "citizen_id", mette.ID) != 1 || rows("notification_settings", "citizen_id", mette.ID) != 1 {
				t.Fatal("the employer lost their phone or settings while still following Ida")
			}
		})
		t.Run("ending the last access deletes the account", func(t *testing.T) {
			expect(t, e.delete("/api/v1/citizens/"+ida.ID+"/employer-contacts/"+metteIda, cw.Token), 204)
			expect(t, e.get("/api/v1/me", mette.Token), 401)
			expect(t, e.post("/api/v1/auth/login", "", map[string]string{"email": "mette@firma.dk", "password": testPassword}), 401)
			for _, tc := range []struct{ table, col string }{{"refresh_tokens", "user_id"}, {"push_subscriptions", "citizen_id"},
				{"notification_settings", "citizen_id"}, {"push_jobs", "citizen_id"}, {"employer_contacts", "user_id"}} {
				if n := rows(tc.table, tc.col, mette.ID); n != 0 {
					t.Errorf("%d rows of the deleted employer left in %s", n, tc.table)
				}
			}
			if n := rows("users", "lower(email)", "mette@firma.dk"); n != 0 {
				t.Errorf("the deleted employer's e-mail is still on an account")
			}
			// Ida still sees who read her data: the name stays, nothing else.
			log := e.accessLog(ida.Token, "")
			if len(log.Items) == 0 || log.Items[0].ReaderName != "Mette Leder" || log.Items[0].ReaderRole != "employer" {
				t.Fatalf("Ida's access log after the employer went: %+v", log.Items)
			}
			// A new invite to the same e-mail makes a fresh account.
			again, _ := e.employer(cw, ida.ID, "mette@firma.dk")
			if again.ID == mette.ID {
				t.Fatal("the new invite revived the deleted account")
			}
		})
		t.Run("an account that never read anything goes without a trace", func(t *testing.T) {
			r := expect(t, e.post("/api/v1/citizens/"+bo.ID+"/employer-contacts", cw.Token, map[string]string{"name": "Lars", "email": "lars@firma.dk"}), 201).JSON(t)
			var lars models.User
			if err := e.store.DB.Where("email = ?", "lars@firma.dk").Take(&lars).Error; err != nil {
				t.Fatal(err)
			}
			expect(t, e.delete("/api/v1/citizens/"+bo.ID+"/employer-contacts/"+r["id"].(string), cw.Token), 204)
			if rows("users", "id", lars.ID) != 0 {
				t.Fatal("an employer account with no contact and no trace was kept")
			}
		})
		t.Run("deleting the last employee's case deletes the account", func(t *testing.T) {
			lars, _ := e.employer(cw, bo.ID, "lars@firma.dk")
			expect(t, e.put("/api/v1/me/employer-sharing", bo.Token, allSharing(true)), 200)
			expect(t, e.get("/api/v1/employees/"+bo.ID, lars.Token), 200)
			expect(t, e.post("/api/v1/employees/"+bo.ID+"/placements", lars.Token, map[string]any{"step": 3}), 201)
			expect(t, e.post("/api/v1/me/push-subscriptions", lars.Token, subscription(testPushPrefix+"lars", p256dh, auth)), 201)
			expect(t, e.post("/api/v1/citizens/"+bo.ID+"/close", cw.Token, map[string]any{"date": "2026-03-02", "reason": "other"}), 200)
			expect(t, e.delete("/api/v1/citizens/"+bo.ID, cw.Token), 204)
			if rows("users", "id", lars.ID) != 0 || rows("push_subscriptions", "citizen_id", lars.ID) != 0 {
				t.Fatal("the employer of a deleted case is still there")
			}
			expect(t, e.get("/api/v1/employees", lars.Token), 401)
		})
	})
}

func TestAnEmployersAccessEndsOnAClosedCaseToo(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("cw@example.dk")
		bo := e.citizen(cw, "bo@example.dk")
		ida := e.citizen(cw, "ida@example.dk")
		mette, contact := e.employer(cw, bo.ID, "mette@firma.dk")
		e.employer(cw, ida.ID, "mette@firma.dk")
		expect(t, e.post("/api/v1/citizens/"+bo.ID+"/close", cw.Token, map[string]any{"date": "2026-03-02", "reason": "other"}), 200)
		expect(t, e.get("/api/v1/employees/"+bo.ID, mette.Token), 200) // the notice
		expect(t, e.delete("/api/v1/citizens/"+bo.ID+"/employer-contacts/"+contact, cw.Token), 204)
		expect(t, e.get("/api/v1/employees/"+bo.ID, mette.Token), 404)
		// Other writes to the closed case are still refused.
		expect(t, e.post("/api/v1/citizens/"+bo.ID+"/employer-contacts", cw.Token, map[string]string{"name": "Lars", "email": "lars@firma.dk"}), 409)
		kim := e.caseworker("kim@example.dk")
		expect(t, e.delete("/api/v1/citizens/"+bo.ID+"/employer-contacts/"+contact, kim.Token), 404)
	})
}
