package api

import (
	"crypto/ecdh"
	"crypto/rand"
	"encoding/base64"
	"net"
	"strings"
	"testing"

	"trappen/models/store"
	"trappen/models/storetest"
)

const testPushPrefix = "https://push.example.test/"

// eachPushEnv is eachEnv with Web Push configured.
func eachPushEnv(t *testing.T, fn func(t *testing.T, e *env)) {
	storetest.Each(t, func(t *testing.T, s *store.Store) { fn(t, newPushEnv(t, s)) })
}

// newPushEnv is a running app on s with push set up.
func newPushEnv(t *testing.T, s *store.Store) *env {
	t.Helper()
	tokens, err := NewTokens(testKey)
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: testStart}
	app := New(Deps{Store: s, Tokens: tokens, Now: clk.Now, Log: discardLogger(),
		Push: &PushConfig{PublicKey: "BPublicKeyForTests", Allowlist: []string{testPushPrefix}}})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go app.Listener(ln)
	t.Cleanup(func() { app.Shutdown() })
	return &env{t: t, app: app, store: s, clock: clk, base: "http://" + ln.Addr().String()}
}

func browserKeys(t *testing.T) (p256dh, auth string) {
	k, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	a := make([]byte, 16)
	rand.Read(a)
	return base64.RawURLEncoding.EncodeToString(k.PublicKey().Bytes()), base64.RawURLEncoding.EncodeToString(a)
}

func subscription(endpoint, p256dh, auth string) map[string]any {
	return map[string]any{"endpoint": endpoint, "keys": map[string]string{"p256dh": p256dh, "auth": auth}}
}

func TestPushPublicKey(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		if k := expect(t, e.get("/api/v1/push/public-key", ""), 200).JSON(t)["key"]; k != "BPublicKeyForTests" {
			t.Fatalf("key %v", k)
		}
	})
}

func TestPushSubscriptions(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("cw@example.dk")
		cz := e.citizen(cw, "bo@example.dk")
		p, a := browserKeys(t)
		offCurve := base64.RawURLEncoding.EncodeToString(append([]byte{4}, make([]byte, 64)...))
		tests := []struct {
			name  string
			body  any
			want  int
			field string
		}{
			{"a valid subscription is stored", subscription(testPushPrefix+"abc", p, a), 201, ""},
			{"the same endpoint again updates it", subscription(testPushPrefix+"abc", p, a), 201, ""},
			{"standard base64 with padding is accepted", subscription(testPushPrefix+"std",
				base64.StdEncoding.EncodeToString(mustB64(p)), base64.StdEncoding.EncodeToString(mustB64(a))), 201, ""},
			{"an endpoint outside the allow-list is refused", subscription("https://evil.example/abc", p, a), 422, "endpoint"},
			{"a look-alike host is refused", subscription("https://push.example.test.evil.example/abc", p, a), 422, "endpoint"},
			{"a point off the curve is refused", subscription(testPushPrefix+"x", offCurve, a), 422, "keys.p256dh"},
			{"a short auth secret is refused", subscription(testPushPrefix+"x", p, a[:10]), 422, "keys.auth"},
			{"keys that are not base64 are refused", subscription(testPushPrefix+"x", "!!", "??"), 422, "keys.p256dh"},
			{"an endpoint of the wrong type is refused", map[string]any{"endpoint": 5}, 422, "endpoint"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := expect(t, e.post("/api/v1/me/push-subscriptions", cz.Token, tt.body), tt.want)
				if tt.field != "" {
					if _, ok := r.Fields(t)[tt.field]; !ok {
						t.Fatalf("fields %v, want %s", r.Fields(t), tt.field)
					}
				}
			})
		}
		list := func() []any {
			return expect(t, e.get("/api/v1/me/push-subscriptions", cz.Token), 200).JSON(t)["items"].([]any)
		}
		if n := len(list()); n != 2 {
			t.Fatalf("%d subscriptions, want 2", n)
		}
		expect(t, e.do(req{method: "DELETE", path: "/api/v1/me/push-subscriptions", token: cz.Token,
			body: map[string]string{"endpoint": testPushPrefix + "abc"}}), 204)
		expect(t, e.do(req{method: "DELETE", path: "/api/v1/me/push-subscriptions", token: cz.Token,
			body: map[string]string{"endpoint": testPushPrefix + "abc"}}), 204)
		if n := len(list()); n != 1 {
			t.Fatalf("%d subscriptions after delete, want 1", n)
		}
		t.Run("the caseworker cannot subscribe", func(t *testing.T) {
			expect(t, e.post("/api/v1/me/push-subscriptions", cw.Token, subscription(testPushPrefix+"cw", p, a)), 403)
		})
	})
}

func mustB64(s string) []byte {
	b, _ := base64.RawURLEncoding.DecodeString(s)
	return b
}

func TestNotificationSettings(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("cw@example.dk")
		cz := e.citizen(cw, "bo@example.dk")
		const path = "/api/v1/me/notification-settings"
		got := string(expect(t, e.get(path, cz.Token), 200).Body)
		if got != `{"quiet_hours":{"start":"21:00","end":"08:00"},"paused_until":null}` {
			t.Fatalf("defaults %s", got)
		}
		tests := []struct {
			name  string
			body  any
			want  int
			field string
			after string
		}{
			{"a new window is stored", map[string]any{"quiet_hours": map[string]string{"start": "22:30", "end": "07:00"}, "paused_until": nil}, 200, "",
				`{"quiet_hours":{"start":"22:30","end":"07:00"},"paused_until":null}`},
			{"null turns quiet hours off", map[string]any{"quiet_hours": nil, "paused_until": "2026-03-10T12:00:00+01:00"}, 200, "",
				`{"quiet_hours":null,"paused_until":"2026-03-10T11:00:00Z"}`},
			{"a field left out keeps its value", map[string]any{"paused_until": nil}, 200, "",
				`{"quiet_hours":null,"paused_until":null}`},
			{"25:00 is refused", map[string]any{"quiet_hours": map[string]string{"start": "25:00", "end": "07:00"}}, 422, "quiet_hours.start", ""},
			{"a missing end is refused", map[string]any{"quiet_hours": map[string]string{"start": "21:00"}}, 422, "quiet_hours.end", ""},
			{"the same start and end is refused", map[string]any{"quiet_hours": map[string]string{"start": "21:00", "end": "21:00"}}, 422, "quiet_hours.end", ""},
			{"a malformed pause is refused", map[string]any{"paused_until": "next week"}, 422, "paused_until", ""},
			{"a pause of the wrong type is refused", map[string]any{"paused_until": 5}, 422, "paused_until", ""},
			{"quiet hours of the wrong type are refused", map[string]any{"quiet_hours": "21-08"}, 422, "quiet_hours", ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := expect(t, e.put(path, cz.Token, tt.body), tt.want)
				if tt.field != "" {
					if _, ok := r.Fields(t)[tt.field]; !ok {
						t.Fatalf("fields %v, want %s", r.Fields(t), tt.field)
					}
					return
				}
				if string(r.Body) != tt.after {
					t.Fatalf("got %s, want %s", r.Body, tt.after)
				}
				if again := string(expect(t, e.get(path, cz.Token), 200).Body); again != tt.after {
					t.Fatalf("read back %s", again)
				}
			})
		}
	})
}

func TestCalendarFeed(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("cw@example.dk")
		cz := e.citizen(cw, "bo@example.dk")
		expect(t, e.post("/api/v1/citizens/"+cz.ID+"/meetings", cw.Token, map[string]any{"kind": "roundtable",
			"starts_at": "2026-03-05T10:00:00+01:00", "location": "Kantinen, Rengøringen A/S", "agenda": "Min ryg og mine timer"}), 201)
		feed := func(token string) resp {
			return e.get("/api/v1/me/calendar.ics?token="+token, "")
		}
		expect(t, feed("nonsense"), 404)
		expect(t, feed(""), 404)
		tok := expect(t, e.post("/api/v1/me/calendar-token", cz.Token, nil), 201).JSON(t)
		url := tok["url"].(string)
		if !strings.Contains(url, "/api/v1/me/calendar.ics?token=") || !strings.HasPrefix(tok["webcal_url"].(string), "webcal://") {
			t.Fatalf("token response %v", tok)
		}
		r := expect(t, feed(tok["token"].(string)), 200)
		body := string(r.Body)
		if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/calendar") {
			t.Fatalf("content type %s", r.Header.Get("Content-Type"))
		}
		for _, want := range []string{"BEGIN:VCALENDAR\r\n", "DTSTART:20260305T090000Z\r\n", "SUMMARY:Rundbordssamtale\r\n", "END:VEVENT\r\n"} {
			if !strings.Contains(body, want) {
				t.Fatalf("feed lacks %q:\n%s", want, body)
			}
		}
		for _, secret := range []string{"Kantinen", "ryg", "LOCATION"} {
			if strings.Contains(body, secret) {
				t.Fatalf("feed shows %q:\n%s", secret, body)
			}
		}
		t.Run("a new token replaces the old", func(t *testing.T) {
			next := expect(t, e.post("/api/v1/me/calendar-token", cz.Token, nil), 201).JSON(t)
			expect(t, feed(tok["token"].(string)), 404)
			expect(t, feed(next["token"].(string)), 200)
			expect(t, e.delete("/api/v1/me/calendar-token", cz.Token), 204)
			expect(t, feed(next["token"].(string)), 404)
		})
	})
}

func TestExportAndHomeShowFastTrackAndPush(t *testing.T) {
	t.Parallel()
	eachPushEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("cw@example.dk")
		cz := e.citizen(cw, "bo@example.dk")
		p, a := browserKeys(t)
		expect(t, e.post("/api/v1/me/push-subscriptions", cz.Token, subscription(testPushPrefix+"abc", p, a)), 201)
		id := expect(t, e.post("/api/v1/citizens/"+cz.ID+"/fast-track", cw.Token, ftBody("employer", testStart, 12)), 201).JSON(t)["id"]
		home := expect(t, e.get("/api/v1/me/home", cz.Token), 200).JSON(t)
		if ft, ok := home["fast_track"].(map[string]any); !ok || ft["id"] != id || ft["status"] != "pending" {
			t.Fatalf("home fast_track %v", home["fast_track"])
		}
		exp := expect(t, e.get("/api/v1/me/export", cz.Token), 200)
		m := exp.JSON(t)
		ft := m["fast_track"].(map[string]any)
		if reqs := ft["requests"].([]any); len(reqs) != 1 {
			t.Fatalf("export fast_track %v", ft)
		}
		subs := m["push_subscriptions"].([]any)
		if len(subs) != 1 || subs[0].(map[string]any)["endpoint"] != testPushPrefix+"abc" || strings.Contains(string(exp.Body), a) {
			t.Fatalf("export subscriptions %v", subs)
		}
		if m["notification_settings"].(map[string]any)["quiet_hours"] == nil {
			t.Fatalf("export settings %v", m["notification_settings"])
		}
		expect(t, e.post("/api/v1/me/fast-track/"+id.(string)+"/decision", cz.Token, map[string]string{"decision": "decline"}), 200)
		if home := expect(t, e.get("/api/v1/me/home", cz.Token), 200).JSON(t); home["fast_track"] != nil {
			t.Fatalf("home still shows a request: %v", home["fast_track"])
		}
	})
}
