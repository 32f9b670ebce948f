package api

import (
	"net/url"
	"testing"

	"trappen/api/oidcrp/testop"
)

// An employer's invite links their identity through the employer audience
// like a citizen's; an account that already signs in cannot be linked to
// another identity with a later contact's code.
func TestOIDCEmployerLinksThroughTheContactInvite(t *testing.T) {
	eachOIDCEnv(t, oidcOptions{}, func(t *testing.T, e *oidcEnv) {
		cw := e.caseworker("sara@kommune.dk")
		bo := e.citizen(cw, "bo@example.dk")
		ida := e.citizen(cw, "ida@example.dk")
		first := expect(t, e.post("/api/v1/citizens/"+bo.ID+"/employer-contacts", cw.Token,
			map[string]string{"name": "Mette Leder", "email": "mette@firma.dk"}), 201).JSON(t)
		e.mitid.AddUser(testop.User{Subject: "mitid-mette", Name: "Mette Leder", Email: "mette@firma.dk"})
		e.mitid.SignInAs("mitid-mette")
		b := newBrowser(t)
		s := e.expectSignedIn(b, e.signIn(b, "employer", "return_to=%2F&invite_code="+url.QueryEscape(first["invite_code"].(string))), "/")
		if u := userOf(t, s); u["role"] != "employer" {
			t.Fatalf("signed in as %v", u)
		}
		second := expect(t, e.post("/api/v1/citizens/"+ida.ID+"/employer-contacts", cw.Token,
			map[string]string{"name": "Mette Leder", "email": "mette@firma.dk"}), 201).JSON(t)
		code := url.QueryEscape(second["invite_code"].(string))
		e.mitid.AddUser(testop.User{Subject: "mitid-stranger", Name: "X"})
		e.mitid.SignInAs("mitid-stranger")
		expectLoginError(t, e.signIn(newBrowser(t), "employer", "invite_code="+code), "not_registered")
		expect(t, e.post("/api/v1/auth/activate", "", map[string]string{"invite_code": second["invite_code"].(string), "password": testPassword}), 401)
	})
}
