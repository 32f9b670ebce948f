package models

import "testing"

func TestEndpointAllowed(t *testing.T) {
	t.Parallel()
	allow := []string{"https://fcm.googleapis.com/", "https://*.notify.windows.com/"}
	cases := []struct {
		name     string
		endpoint string
		want     bool
	}{
		{"a listed prefix", "https://fcm.googleapis.com/fcm/send/abc", true},
		{"a look-alike host", "https://fcm.googleapis.com.evil.example/x", false},
		{"a subdomain of a wildcard entry", "https://wns2-bn3p.notify.windows.com/w/?token=x", true},
		{"the wildcard's domain with another ending", "https://x.notify.windows.com.evil.example/w", false},
		{"a host merely ending in the domain's name", "https://evilnotify.windows.com/w", false},
		{"a wildcard host with a port", "https://a.notify.windows.com:444/w", false},
		{"plain http to a listed host", "http://fcm.googleapis.com/fcm/send/abc", false},
		{"user info smuggling", "https://fcm.googleapis.com@evil.example/", false},
		{"not a URL", "fcm.googleapis.com", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := EndpointAllowed(c.endpoint, allow); got != c.want {
				t.Errorf("EndpointAllowed(%q) = %v, want %v", c.endpoint, got, c.want)
			}
		})
	}
}
