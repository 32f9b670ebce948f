package api

import (
	"crypto/subtle"
	"errors"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"trappen/api/oidcrp"
	"trappen/models"
	"trappen/models/identity"
)

// flowCookie carries the sealed sign-in flow from start to callback. It is
// SameSite=Lax: a Strict cookie is not sent when the provider redirects back.
const (
	flowCookie     = "trappen_oidc"
	flowCookiePath = "/api/v1/auth/oidc"
)

// The ?error= codes of the sign-in page after a failed OIDC sign-in.
const (
	errOIDCFailed     = "oidc_failed"
	errNotRegistered  = "not_registered"
	errNotAllowed     = "not_allowed"
	loginErrorPrefix  = "/login?error="
	maxInviteCodeSize = 64
)

type methodsResponse struct {
	Password bool     `json:"password"`
	OIDC     []string `json:"oidc"`
}

// authMethods: GET /auth/methods, for the sign-in page.
func (h *handler) authMethods(c *fiber.Ctx) error {
	out := methodsResponse{Password: !h.PasswordLoginOff, OIDC: []string{}}
	for _, a := range oidcrp.Audiences {
		if h.OIDC[a] != nil {
			out.OIDC = append(out.OIDC, a)
		}
	}
	return c.JSON(out)
}

// passwordLogin lets login and activation through only while password
// sign-in is on; otherwise they do not exist.
func (h *handler) passwordLogin(c *fiber.Ctx) error {
	if h.PasswordLoginOff {
		return models.ErrNotFound
	}
	return c.Next()
}

func (h *handler) oidcClient(c *fiber.Ctx) (*oidcrp.Client, error) {
	if cl := h.OIDC[c.Params("audience")]; cl != nil && h.sealer != nil {
		return cl, nil
	}
	return nil, models.ErrNotFound
}

// oidcStart: GET /auth/oidc/{audience}/start sends the browser to the
// provider with a fresh state, nonce and PKCE challenge, remembered in the
// sealed flow cookie.
func (h *handler) oidcStart(c *fiber.Ctx) error {
	cl, err := h.oidcClient(c)
	if err != nil {
		return err
	}
	invite := strings.TrimSpace(c.Query("invite_code"))
	if len(invite) > maxInviteCodeSize {
		invite = ""
	}
	now := h.now()
	flow := oidcrp.NewFlow(c.Params("audience"), oidcrp.SafeReturnTo(c.Query("return_to")), invite, now)
	target, err := cl.AuthCodeURL(c.UserContext(), flow.State, flow.Nonce, flow.Verifier)
	if err != nil {
		h.Log.Warn("identity provider not reachable", "audience", flow.Audience, "error", err.Error())
		return c.Redirect(loginErrorPrefix+errOIDCFailed, fiber.StatusFound)
	}
	sealed, err := h.sealer.Seal(flow)
	if err != nil {
		return err
	}
	c.Cookie(&fiber.Cookie{Name: flowCookie, Value: sealed, Path: flowCookiePath, Expires: flow.ExpiresAt(),
		MaxAge: int(oidcrp.FlowLifetime / time.Second), HTTPOnly: true, Secure: h.secure(c),
		SameSite: fiber.CookieSameSiteLaxMode})
	return c.Redirect(target, fiber.StatusFound)
}

// oidcCallback: GET /auth/oidc/{audience}/callback finishes the sign-in and
// starts a session as password sign-in does, then sends the browser on.
func (h *handler) oidcCallback(c *fiber.Ctx) error {
	cl, err := h.oidcClient(c)
	if err != nil {
		return err
	}
	h.clearFlowCookie(c)
	now := h.now()
	flow, err := h.sealer.Open(c.Cookies(flowCookie), now)
	state := c.Query("state")
	if err != nil || flow.Audience != c.Params("audience") || state == "" ||
		subtle.ConstantTimeCompare([]byte(state), []byte(flow.State)) != 1 {
		return h.oidcFailed(c, "state", errOIDCFailed)
	}
	if err := h.Identity.SpendSignInState(c.UserContext(), flow.State, flow.ExpiresAt(), now); err != nil {
		if errors.Is(err, identity.ErrStateUsed) {
			return h.oidcFailed(c, "state used", errOIDCFailed)
		}
		return err
	}
	if c.Query("error") != "" || c.Query("code") == "" {
		// Cancelled or refused at the provider.
		return h.oidcFailed(c, "provider error", errOIDCFailed)
	}
	id, err := cl.Finish(c.UserContext(), c.Query("code"), flow.Verifier, flow.Nonce)
	if err != nil {
		h.Log.Warn("OIDC sign-in refused", "audience", flow.Audience, "error", err.Error())
		return h.oidcFailed(c, "", errOIDCFailed)
	}
	u, err := h.userForIdentity(c, flow, id, now)
	switch {
	case errors.Is(err, models.ErrNotRegistered):
		return h.oidcFailed(c, "not registered", errNotRegistered)
	case errors.Is(err, models.ErrNotAllowed):
		return h.oidcFailed(c, "not allowed", errNotAllowed)
	case err != nil:
		var me *models.Error
		if errors.As(err, &me) && me.Kind == models.KindRateLimited {
			return h.oidcFailed(c, "rate limited", errNotRegistered)
		}
		return err
	}
	// The same refresh-token family and cookie as password sign-in; the PWA
	// gets its access token with POST /auth/refresh when it loads.
	refresh, _, err := h.Identity.IssueRefreshToken(c.UserContext(), u.ID, now)
	if err != nil {
		return err
	}
	h.setRefreshCookie(c, refresh)
	return c.Redirect(flow.ReturnTo, fiber.StatusFound)
}

// userForIdentity finds or links the Trappen user of a verified identity.
func (h *handler) userForIdentity(c *fiber.Ctx, flow oidcrp.Flow, id *oidcrp.Identity, now time.Time) (*models.User, error) {
	ext := identity.ExternalIdentity{Audience: flow.Audience, Issuer: id.Issuer, Subject: id.Subject,
		Name: id.Name, Email: id.Email}
	ctx := c.UserContext()
	if flow.Audience == oidcrp.Caseworker {
		// The group is checked at every sign-in, not only the first.
		if !id.InGroup {
			return nil, models.ErrNotAllowed
		}
		return h.Identity.SignInCaseworkerIdentity(ctx, ext, now)
	}
	u, err := h.Identity.UserByIdentity(ctx, id.Issuer, id.Subject)
	if models.IsNotFound(err) {
		if flow.InviteCode == "" {
			return nil, models.ErrNotRegistered
		}
		return h.Identity.LinkIdentityByInvite(ctx, ext, flow.InviteCode, c.IP(), now)
	}
	if err != nil {
		return nil, err
	}
	if !models.AudienceAllowsRole(flow.Audience, u.Role) {
		return nil, models.ErrNotAllowed
	}
	return u, nil
}

// oidcFailed sends the browser to the sign-in page with a code, without a
// session. why goes to the log at debug level (never the token or claims).
func (h *handler) oidcFailed(c *fiber.Ctx, why, code string) error {
	if why != "" {
		h.Log.Debug("OIDC sign-in refused", "audience", c.Params("audience"), "reason", why)
	}
	return c.Redirect(loginErrorPrefix+code, fiber.StatusFound)
}

func (h *handler) clearFlowCookie(c *fiber.Ctx) {
	c.Cookie(&fiber.Cookie{Name: flowCookie, Value: "", Path: flowCookiePath, Expires: time.Unix(1, 0),
		HTTPOnly: true, Secure: h.secure(c), SameSite: fiber.CookieSameSiteLaxMode})
}

// oidcLogout: GET /auth/oidc/{audience}/logout ends Trappen's session (as
// POST /auth/logout) and then the provider's, where its discovery names an
// end_session_endpoint; the provider sends the browser back to /login.
func (h *handler) oidcLogout(c *fiber.Ctx) error {
	cl, err := h.oidcClient(c)
	if err != nil {
		return err
	}
	if raw := c.Cookies(refreshCookie); raw != "" {
		if err := h.Identity.RevokeRefreshToken(c.UserContext(), raw, h.now()); err != nil {
			return err
		}
	}
	h.clearRefreshCookie(c)
	back := strings.TrimRight(h.PublicURL, "/") + "/login"
	if target, ok := cl.EndSessionURL(c.UserContext(), back); ok {
		return c.Redirect(target, fiber.StatusFound)
	}
	return c.Redirect("/login", fiber.StatusFound)
}
