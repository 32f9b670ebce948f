package api

import "testing"

// Knowing another citizen's endpoint is not holding their device: moving it
// needs the device's auth secret, so nobody silences another's reminders.
func TestACitizenCannotMoveAnotherCitizensPushDevice(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("cw@example.dk")
		bo := e.citizen(cw, "bo@example.dk")
		eve := e.citizen(cw, "eve@example.dk")
		endpoint := testPushPrefix + "bos-phone"
		p, a := browserKeys(t)
		expect(t, e.post("/api/v1/me/push-subscriptions", bo.Token, subscription(endpoint, p, a)), 201)

		evesP, evesA := browserKeys(t)
		r := expect(t, e.post("/api/v1/me/push-subscriptions", eve.Token, subscription(endpoint, evesP, evesA)), 409)
		if r.ErrorCode(t) != "push_endpoint_taken" {
			t.Fatalf("code = %s", r.ErrorCode(t))
		}
		count := func(s session) int {
			return len(expect(t, e.get("/api/v1/me/push-subscriptions", s.Token), 200).JSON(t)["items"].([]any))
		}
		if count(bo) != 1 || count(eve) != 0 {
			t.Fatalf("Bo has %d devices, Eve %d; want 1 and 0", count(bo), count(eve))
		}
		// Bo re-subscribing with new keys is his own business.
		p2, a2 := browserKeys(t)
		expect(t, e.post("/api/v1/me/push-subscriptions", bo.Token, subscription(endpoint, p2, a2)), 201)
		// The same browser signed in as Eve holds the secret: the device follows her.
		expect(t, e.post("/api/v1/me/push-subscriptions", eve.Token, subscription(endpoint, p2, a2)), 201)
		if count(bo) != 0 || count(eve) != 1 {
			t.Fatalf("after a hand-over Bo has %d devices, Eve %d; want 0 and 1", count(bo), count(eve))
		}
	})
}
