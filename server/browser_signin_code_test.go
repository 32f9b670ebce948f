package main

import (
	"testing"

	"trappen/models/storetest"
)

// A code re-issued for Bo's account is announced on I dag, which passes axe,
// and Bo can remove it there.
func TestBrowserCitizenRemovesASignInCodeTheyDidNotAskFor(t *testing.T) {
	t.Parallel()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	s.createCaseworker("sara@example.dk", "Sara Holm", "a long enough password")
	code := s.registerCitizen("sara@example.dk", "Bo Jensen", "bo@example.dk")
	var bo struct {
		User struct{ ID string } `json:"user"`
	}
	s.apiCall("POST", "/auth/activate", "", map[string]string{"invite_code": code, "password": "my own long password"}, &bo)
	var sara struct {
		AccessToken string `json:"access_token"`
	}
	s.apiCall("POST", "/auth/login", "", map[string]string{"email": "sara@example.dk", "password": "a long enough password"}, &sara)
	s.apiCall("POST", "/citizens/"+bo.User.ID+"/invite", sara.AccessToken, nil, nil)

	b := newBrowser(t, phone)
	b.signIn(s, "bo@example.dk", "my own long password", "Der er lavet en ny kode til din konto")
	b.waitText("Sara Holm lavede")
	b.checkScreen("I dag with a sign-in code notice")
	b.click(`#signin-code-h ~ p button`)
	b.waitText("Koden er fjernet.")
	var home struct {
		SignInCode any `json:"sign_in_code"`
	}
	var session struct {
		AccessToken string `json:"access_token"`
	}
	s.apiCall("POST", "/auth/login", "", map[string]string{"email": "bo@example.dk", "password": "my own long password"}, &session)
	s.apiCall("GET", "/me/home", session.AccessToken, nil, &home)
	if home.SignInCode != nil {
		t.Fatalf("the code is still pending: %v", home.SignInCode)
	}
}
