package api

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"trappen/i18n"
	"trappen/models"
)

const (
	localRequestID = "request_id"
	localUserID    = "user_id"
	localRole      = "role"
	localLang      = "lang"
	localSession   = "session"
)

// requestLog gives each request an id and logs it without query or body,
// which may hold tokens or personal data.
func (h *handler) requestLog(c *fiber.Ctx) error {
	start := time.Now()
	b := make([]byte, 8)
	rand.Read(b)
	id := hex.EncodeToString(b)
	c.Locals(localRequestID, id)
	c.Set("X-Request-Id", id)
	err := c.Next()
	if err != nil {
		if herr := h.errorHandler(c, err); herr != nil {
			c.Status(fiber.StatusInternalServerError)
		}
	}
	h.Log.Info("request", "request_id", id, "method", c.Method(), "path", c.Path(),
		"status", c.Response().StatusCode(), "duration_ms", time.Since(start).Milliseconds())
	return nil
}

// contentSecurityPolicy allows nothing inline and nothing from elsewhere.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; " +
	"base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// limitBody refuses bodies over MaxBodyBytes with 413.
func limitBody(c *fiber.Ctx) error {
	if len(c.Body()) > MaxBodyBytes {
		return newHTTPError(fiber.StatusRequestEntityTooLarge, "body_too_large")
	}
	return c.Next()
}

// isAPI says whether the request is for the JSON API (never cached).
func isAPI(c *fiber.Ctx) bool { return strings.HasPrefix(c.Path(), "/api/") }

func (h *handler) securityHeaders(c *fiber.Ctx) error {
	c.Set("Content-Security-Policy", contentSecurityPolicy)
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set("X-Frame-Options", "DENY")
	c.Set("Referrer-Policy", "no-referrer")
	c.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
	c.Set("Cross-Origin-Opener-Policy", "same-origin")
	if h.secure(c) {
		c.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
	}
	if isAPI(c) {
		c.Set(fiber.HeaderCacheControl, "no-store")
	}
	return c.Next()
}

// language is the signed-in user's locale, else Accept-Language, else Danish.
func language(c *fiber.Ctx) string {
	if l, ok := c.Locals(localLang).(string); ok && l != "" {
		return l
	}
	return i18n.Negotiate(c.Get(fiber.HeaderAcceptLanguage))
}

var errUnauthorized = models.NewError(models.KindUnauthorized, "unauthorized")

// authenticate requires a valid access token and loads the user's locale.
func (h *handler) authenticate(c *fiber.Ctx) error {
	raw, ok := strings.CutPrefix(c.Get(fiber.HeaderAuthorization), "Bearer ")
	if !ok || raw == "" {
		return errUnauthorized
	}
	access, err := h.Tokens.Verify(strings.TrimSpace(raw), h.now())
	if err != nil {
		return errUnauthorized
	}
	// The user is loaded on every request anyway; the same query checks
	// that the token's session has not ended, so this costs nothing more.
	u, err := h.Identity.SessionUser(c.UserContext(), access.UserID, access.Session)
	if models.IsNotFound(err) {
		return errUnauthorized
	}
	if err != nil {
		return err
	}
	if u.Role != access.Role {
		return errUnauthorized
	}
	c.Locals(localSession, access.Session)
	c.Locals(localUserID, u.UserID)
	c.Locals(localRole, u.Role)
	c.Locals(localLang, u.Locale)
	return c.Next()
}

var errForbidden = models.NewError(models.KindForbidden, "forbidden")

// requireRole lets only users of role through. A path naming one resource
// (/citizens/{id}…, /me/meetings/{id}…) answers 404 to the wrong role, as
// someone else's resource does; a collection answers 403. Neither depends on
// whether the resource exists.
func requireRole(role, prefix string) fiber.Handler { return requireRoles(prefix, role) }

// requireRoles lets any of roles through, and answers the others as requireRole does.
func requireRoles(prefix string, roles ...string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		for _, role := range roles {
			if c.Locals(localRole) == role {
				return c.Next()
			}
		}
		rest := strings.Trim(strings.TrimPrefix(c.Path(), prefix), "/")
		if strings.Contains(rest, "/") || (rest != "" && (prefix == "/api/v1/citizens" || prefix == "/api/v1/employees")) {
			return models.ErrNotFound
		}
		return errForbidden
	}
}

func userID(c *fiber.Ctx) string { id, _ := c.Locals(localUserID).(string); return id }

// sessionID is the refresh family the caller's access token belongs to.
func sessionID(c *fiber.Ctx) string { id, _ := c.Locals(localSession).(string); return id }
