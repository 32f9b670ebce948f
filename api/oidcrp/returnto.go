package oidcrp

import (
	"net/url"
	"strings"
	"unicode"
)

// SafeReturnTo keeps raw only when it is a relative path on Trappen's own
// site: one leading slash, no scheme or host, no backslash, no control or
// space characters (browsers drop tabs and newlines, so "/\t/evil" would
// become "//evil"), none of these hidden behind percent-encoding, and not
// an API path. Anything else is "/".
func SafeReturnTo(raw string) string {
	if raw == "" || len(raw) > 2000 {
		return "/"
	}
	decoded := raw
	for i := 0; i < 3; i++ { // encoded more than once still counts
		next, err := url.PathUnescape(decoded)
		if err != nil {
			return "/"
		}
		if next == decoded {
			break
		}
		decoded = next
	}
	for _, s := range []string{raw, decoded} {
		if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.ContainsRune(s, '\\') ||
			strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) }) >= 0 {
			return "/"
		}
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return "/"
	}
	if strings.HasPrefix(strings.ToLower(decoded), "/api/") {
		return "/"
	}
	return raw
}
