package main

import (
	"net/http"
	"net/http/httptest"

	"trappen/models"
)

func modelsCaseworker(email string) models.NewCaseworker {
	return models.NewCaseworker{Email: email, Name: "Sara Sagsbehandler", Password: "a long enough password"}
}

func httpRequest(method, path, token string) (*http.Request, error) {
	r := httptest.NewRequest(method, path, nil)
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	return r, nil
}
