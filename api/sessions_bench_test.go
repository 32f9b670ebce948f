package api

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"trappen/models"
	"trappen/models/storetest"
)

// BenchmarkAnAuthenticatedRequest measures GET /api/v1/me, whose cost is
// almost all authentication: verifying the token and the one query that
// loads the user and checks that the token's session is live, with 20,000
// other sessions in the table.
func BenchmarkAnAuthenticatedRequest(b *testing.B) {
	for _, engine := range storetest.Engines(b) {
		store := storetest.Open(b, engine)
		tokens, err := NewTokens(testKey)
		if err != nil {
			b.Fatal(err)
		}
		a := benchApp{app: New(Deps{Store: store, Tokens: tokens, Now: func() time.Time { return benchNow }, Log: discardLogger()})}
		ctx := context.Background()
		for i := 0; i < 200; i++ {
			u, err := store.Identity.CreateCaseworker(ctx, models.NewCaseworker{Email: fmt.Sprintf("cw%03d@example.dk", i), Name: "Sara",
				Password: testPassword}, benchNow)
			if err != nil {
				b.Fatal(err)
			}
			for j := 0; j < 100; j++ {
				if _, _, err := store.Identity.IssueRefreshToken(ctx, u.ID, benchNow); err != nil {
					b.Fatal(err)
				}
			}
		}
		var login struct {
			AccessToken string `json:"access_token"`
		}
		json.Unmarshal(a.do(b, "POST", "/api/v1/auth/login", map[string]string{"email": "cw100@example.dk", "password": testPassword}), &login)
		a.token = login.AccessToken
		b.Run(string(engine), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				a.do(b, "GET", "/api/v1/me", nil)
			}
		})
	}
}
