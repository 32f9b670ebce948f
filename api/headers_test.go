package api

import (
	"testing"
)

// TestAPIAnswersAreNotStoredNorHashed: a citizen's data is never kept by a
// browser or proxy (no-store), and so carries no ETag — computing one for
// every answer would be CPU spent for nothing (issue 13). Answers are still
// compressed for a client that asks.
func TestAPIAnswersAreNotStoredNorHashed(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@kommune.dk")
		cz := e.citizen(cw, "bo@example.dk")
		for _, r := range []resp{
			expect(t, e.get("/api/v1/me/home", cz.Token), 200),
			expect(t, e.get("/api/v1/citizens", cw.Token), 200),
		} {
			if cc := r.Header.Get("Cache-Control"); cc != "no-store" {
				t.Errorf("Cache-Control %q, want no-store", cc)
			}
			if et := r.Header.Get("ETag"); et != "" {
				t.Errorf("ETag %q on a no-store answer", et)
			}
		}
		r := expect(t, e.do(req{method: "GET", path: "/api/v1/openapi.json", header: map[string]string{"Accept-Encoding": "gzip"}}), 200)
		if ce := r.Header.Get("Content-Encoding"); ce != "gzip" {
			t.Errorf("Content-Encoding %q for a large answer to a client that takes gzip, want gzip", ce)
		}
	})
}
