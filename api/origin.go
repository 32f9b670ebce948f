package api

import (
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// baseURL is where users reach Trappen: the configured public URL, else the
// request's scheme and host (forwarded headers count only from a trusted
// proxy, see New).
func (h *handler) baseURL(c *fiber.Ctx) string {
	if h.PublicURL != "" {
		return h.PublicURL
	}
	return c.BaseURL()
}

// secure reports whether the user reaches Trappen over https: then cookies
// carry Secure and HSTS is sent. A client cannot claim it with a forged
// X-Forwarded-Proto.
func (h *handler) secure(c *fiber.Ctx) bool {
	if h.SecureCookies {
		return true
	}
	if h.PublicURL != "" {
		return strings.HasPrefix(h.PublicURL, "https://")
	}
	return c.Protocol() == "https"
}

var errCrossSite = newHTTPError(fiber.StatusForbidden, "cross_site")

// sameSiteOnly refuses a request a browser marks as coming from another
// site, or whose Origin is not Trappen's. The refresh cookie is SameSite
// Strict already; this holds even where a browser gets that wrong.
func (h *handler) sameSiteOnly(c *fiber.Ctx) error {
	switch c.Get("Sec-Fetch-Site") {
	case "same-origin", "none":
		// The browser vouches for it (no page can forge Sec-Fetch-*), even
		// behind a proxy that rewrites the Host header.
		return c.Next()
	case "":
		// An older browser, or no browser: the Origin, when sent, decides.
		if origin := c.Get(fiber.HeaderOrigin); origin != "" && !h.sameOrigin(c, origin) {
			return errCrossSite
		}
		return c.Next()
	default:
		return errCrossSite
	}
}

func (h *handler) sameOrigin(c *fiber.Ctx, origin string) bool {
	o, err := url.Parse(origin)
	if err != nil || o.Host == "" {
		return false
	}
	self, err := url.Parse(h.baseURL(c))
	// The host decides: a TLS proxy that does not forward the scheme must not
	// make Trappen's own pages look cross-site.
	return err == nil && strings.EqualFold(o.Host, self.Host)
}
