package api

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"
	"trappen/models"

	"github.com/golang-jwt/jwt/v5"
)

func TestLoginAnswersTheContractShape(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		e.caseworker("sara@example.dk")
		r := expect(t, e.post("/api/v1/auth/login", "", map[string]string{"email": "sara@example.dk", "password": testPassword}), 200)
		m := r.JSON(t)
		if m["access_token"] == "" || m["expires_in"].(float64) <= 0 {
			t.Fatalf("missing token or expiry: %s", r.Body)
		}
		user := m["user"].(map[string]any)
		if user["role"] != "caseworker" || user["name"] != "Sara Sagsbehandler" || user["locale"] != "da" || user["id"] == "" {
			t.Fatalf("user = %v", user)
		}
		var refresh *http.Cookie
		for _, c := range r.Cookies {
			if c.Name == refreshCookie {
				refresh = c
			}
		}
		if refresh == nil || !refresh.HttpOnly || refresh.SameSite != http.SameSiteStrictMode {
			t.Fatalf("refresh cookie must be HttpOnly and SameSite=Strict: %+v", refresh)
		}
	})
}

func TestWrongEmailAndWrongPasswordGiveTheSame401(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		e.caseworker("sara@example.dk")
		wrongPw := expect(t, e.post("/api/v1/auth/login", "", map[string]string{"email": "sara@example.dk", "password": "not the password"}), 401)
		unknown := expect(t, e.post("/api/v1/auth/login", "", map[string]string{"email": "nobody@example.dk", "password": "not the password"}), 401)
		if string(wrongPw.Body) != string(unknown.Body) {
			t.Fatalf("bodies differ:\n%s\n%s", wrongPw.Body, unknown.Body)
		}
		if wrongPw.ErrorCode(t) != "invalid_credentials" {
			t.Fatalf("code = %s", wrongPw.ErrorCode(t))
		}
	})
}

func TestRepeatedLoginFailuresGet429WithRetryAfter(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		e.caseworker("sara@example.dk")
		var last resp
		for i := 0; i < 8; i++ {
			last = e.post("/api/v1/auth/login", "", map[string]string{"email": "sara@example.dk", "password": "guess number one"})
		}
		expect(t, last, 429)
		if last.ErrorCode(t) != "too_many_attempts" || last.Header.Get("Retry-After") == "" {
			t.Fatalf("want too_many_attempts with Retry-After, got %s %v", last.Body, last.Header)
		}
		e.clock.Advance(16 * time.Minute)
		e.login("sara@example.dk", testPassword)
	})
}

func TestErrorsFollowTheCallersLanguage(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		body := map[string]string{"email": "x@example.dk", "password": "nope nope nope"}
		da := e.do(req{method: "POST", path: "/api/v1/auth/login", body: body})
		en := e.do(req{method: "POST", path: "/api/v1/auth/login", body: body, header: map[string]string{"Accept-Language": "en-GB,en;q=0.9"}})
		if !strings.Contains(string(da.Body), "forkert") || !strings.Contains(string(en.Body), "wrong") {
			t.Fatalf("da: %s\nen: %s", da.Body, en.Body)
		}
	})
}

func TestMeNeedsAValidAccessToken(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		m := expect(t, e.get("/api/v1/me", cw.Token), 200).JSON(t)
		if m["id"] != cw.ID || m["role"] != "caseworker" {
			t.Fatalf("me = %v", m)
		}
		expect(t, e.get("/api/v1/me", ""), 401).ErrorCode(t)
		expect(t, e.get("/api/v1/me", "garbage"), 401).ErrorCode(t)
	})
}

func TestForgedTokensAreRefused(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		now := e.clock.Now()
		claims := jwt.MapClaims{"sub": cw.ID, "role": "caseworker", "iss": "trappen", "iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}
		none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, claims).SignedString(jwt.UnsafeAllowNoneSignatureType)
		hs512, _ := jwt.NewWithClaims(jwt.SigningMethodHS512, claims).SignedString(testKey)
		otherKey, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte("another key that is long enough!!"))
		parts := strings.Split(cw.Token, ".")
		sig, _ := base64.RawURLEncoding.DecodeString(parts[2])
		sig[0] ^= 0xff
		tampered := parts[0] + "." + parts[1] + "." + base64.RawURLEncoding.EncodeToString(sig)
		elevated := strings.Replace(cw.Token, parts[1], base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"`+cw.ID+`","role":"caseworker","iss":"trappen","exp":9999999999}`)), 1)
		cases := map[string]string{
			"alg none": none, "another algorithm": hs512, "another key": otherKey,
			"changed signature": tampered, "changed claims": elevated,
		}
		for name, tok := range cases {
			t.Run(name, func(t *testing.T) { expect(t, e.get("/api/v1/me", tok), 401) })
		}
		t.Run("expired", func(t *testing.T) {
			e.clock.Advance(AccessTokenLifetime + time.Second)
			expect(t, e.get("/api/v1/me", cw.Token), 401)
		})
	})
}

func TestRefreshRotatesAndAReusedTokenEndsTheSession(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		first := e.do(req{method: "POST", path: "/api/v1/auth/refresh", cookies: []*http.Cookie{cw.Refresh}})
		expect(t, first, 200)
		next := sessionFrom(t, first)
		if next.Refresh == nil || next.Refresh.Value == cw.Refresh.Value {
			t.Fatal("refresh did not rotate the cookie")
		}
		expect(t, e.get("/api/v1/me", next.Token), 200)
		// The old token again: refused, and the new one dies with it.
		expect(t, e.do(req{method: "POST", path: "/api/v1/auth/refresh", cookies: []*http.Cookie{cw.Refresh}}), 401)
		expect(t, e.do(req{method: "POST", path: "/api/v1/auth/refresh", cookies: []*http.Cookie{next.Refresh}}), 401)
		expect(t, e.do(req{method: "POST", path: "/api/v1/auth/refresh"}), 401).ErrorCode(t)
	})
}

func TestLogoutStopsTheRefreshToken(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		expect(t, e.do(req{method: "POST", path: "/api/v1/auth/logout", token: cw.Token, cookies: []*http.Cookie{cw.Refresh}}), 204)
		expect(t, e.do(req{method: "POST", path: "/api/v1/auth/refresh", cookies: []*http.Cookie{cw.Refresh}}), 401)
	})
}

func TestActivationSignsTheCitizenInOnce(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		created := expect(t, e.post("/api/v1/citizens", cw.Token, citizenInput("bo@example.dk")), 201).JSON(t)
		code := created["invite_code"].(string)
		expires, err := time.Parse(time.RFC3339, created["invite_expires_at"].(string))
		if err != nil || expires.Sub(e.clock.Now()) != 14*24*time.Hour {
			t.Fatalf("invite_expires_at = %v (%v)", created["invite_expires_at"], err)
		}
		short := expect(t, e.post("/api/v1/auth/activate", "", map[string]string{"invite_code": code, "password": "short"}), 422)
		if short.Fields(t)["password"] == "" {
			t.Fatalf("want a password field error: %s", short.Body)
		}
		a := expect(t, e.post("/api/v1/auth/activate", "", map[string]string{"invite_code": code, "password": testPassword}), 200).JSON(t)
		if a["user"].(map[string]any)["role"] != "citizen" || a["access_token"] == "" {
			t.Fatalf("activate = %v", a)
		}
		expect(t, e.post("/api/v1/auth/activate", "", map[string]string{"invite_code": code, "password": testPassword}), 401).ErrorCode(t)
		e.login("bo@example.dk", testPassword)
	})
}

func TestAnInviteExpiresAfter14Days(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		code := expect(t, e.post("/api/v1/citizens", cw.Token, citizenInput("bo@example.dk")), 201).JSON(t)["invite_code"].(string)
		e.clock.Advance(14*24*time.Hour + time.Second)
		expect(t, e.post("/api/v1/auth/activate", "", map[string]string{"invite_code": code, "password": testPassword}), 401)
	})
}

func TestCitizensUseTheirOwnLocaleAfterSignIn(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		in := citizenInput("amy@example.dk")
		in["locale"] = "en"
		code := expect(t, e.post("/api/v1/citizens", cw.Token, in), 201).JSON(t)["invite_code"].(string)
		s := sessionFrom(t, expect(t, e.post("/api/v1/auth/activate", "", map[string]string{"invite_code": code, "password": testPassword}), 200))
		r := e.get("/api/v1/citizens", s.Token)
		if r.Status != 403 || !strings.Contains(string(r.Body), "access") {
			t.Fatalf("a citizen on a caseworker route: %d %s", r.Status, r.Body)
		}
	})
}

func TestUsersChooseTheirOwnLanguage(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		me := expect(t, e.patch("/api/v1/me", cw.Token, map[string]any{"locale": "en"}), 200).JSON(t)
		if me["locale"] != "en" {
			t.Fatalf("me = %v", me)
		}
		// Errors now come in English, whatever the browser says.
		r := e.do(req{method: "GET", path: "/api/v1/citizens/nope", token: cw.Token, header: map[string]string{"Accept-Language": "da"}})
		if !strings.Contains(string(r.Body), "could not find") {
			t.Fatalf("error not in the user's language: %s", r.Body)
		}
		expect(t, e.patch("/api/v1/me", cw.Token, map[string]any{"locale": "sv"}), 422).Fields(t)
		expect(t, e.patch("/api/v1/me", cw.Token, map[string]any{"locale": 1}), 422)
		expect(t, e.patch("/api/v1/me", "", map[string]any{"locale": "da"}), 401)
	})
}

func TestAForgottenPasswordIsReplacedWithAReissuedInvite(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		cz := e.citizen(cw, "bo@example.dk")
		code := expect(t, e.post("/api/v1/citizens/"+cz.ID+"/invite", cw.Token, nil), 201).JSON(t)["invite_code"].(string)
		// The account is in use: the code waits (see TestACaseworkerCannotTakeOverAnActiveAccount).
		e.clock.Advance(models.ResetWaitingPeriod)
		expect(t, e.post("/api/v1/auth/activate", "", map[string]string{"invite_code": code, "password": "a brand new password"}), 200)
		expect(t, e.do(req{method: "POST", path: "/api/v1/auth/refresh", cookies: []*http.Cookie{cz.Refresh}}), 401)
		e.login("bo@example.dk", "a brand new password")
		expect(t, e.post("/api/v1/auth/login", "", map[string]string{"email": "bo@example.dk", "password": testPassword}), 401)
	})
}

func TestAccessTokensIssuedBeforeAPasswordChangeStopWorking(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		phone := e.caseworker("sara@example.dk")
		e.clock.Advance(time.Minute)
		laptop := e.login("sara@example.dk", testPassword)
		e.clock.Advance(time.Minute)
		expect(t, e.put("/api/v1/me/password", laptop.Token, map[string]string{"current_password": testPassword, "new_password": "a new and longer password"}), 204)
		expect(t, e.get("/api/v1/me", phone.Token), 401)
		e.clock.Advance(time.Second)
		fresh := e.login("sara@example.dk", "a new and longer password")
		expect(t, e.get("/api/v1/me", fresh.Token), 200)
	})
}
