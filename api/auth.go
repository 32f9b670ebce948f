package api

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"trappen/models"
)

const refreshCookie = "trappen_refresh"

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

type activateRequest struct {
	InviteCode string `json:"invite_code"`
	Password   string `json:"password"`
}

type userResponse struct {
	ID     string `json:"id"`
	Role   string `json:"role"`
	Name   string `json:"name"`
	Locale string `json:"locale"`
	// HasPassword is false for someone who signs in only with MitID or the
	// municipality's login: the app offers no "change password" then.
	HasPassword bool `json:"has_password"`
}

type sessionResponse struct {
	AccessToken string       `json:"access_token"`
	TokenType   string       `json:"token_type"`
	ExpiresIn   int          `json:"expires_in"`
	User        userResponse `json:"user"`
}

func toUserResponse(u *models.User) userResponse {
	return userResponse{ID: u.ID, Role: u.Role, Name: u.Name, Locale: u.Locale, HasPassword: u.PasswordHash != nil}
}

func (h *handler) login(c *fiber.Ctx) error {
	var req loginRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	var v models.Validation
	if req.Email == "" {
		v.Add("email", "required")
	}
	if req.Password == "" {
		v.Add("password", "required")
	}
	if err := v.Err(); err != nil {
		return err
	}
	u, err := h.Identity.Login(c.UserContext(), req.Email, req.Password, c.IP(), h.now())
	if err != nil {
		return err
	}
	return h.newSession(c, u)
}

func (h *handler) activate(c *fiber.Ctx) error {
	var req activateRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	u, err := h.Identity.Activate(c.UserContext(), req.InviteCode, req.Password, c.IP(), h.now())
	if err != nil {
		return err
	}
	return h.newSession(c, u)
}

// newSession starts a new refresh-token family for u and answers as login.
func (h *handler) newSession(c *fiber.Ctx, u *models.User) error {
	refresh, family, err := h.Identity.IssueRefreshToken(c.UserContext(), u.ID, h.now())
	if err != nil {
		return err
	}
	return h.startSession(c, u, refresh, family)
}

func (h *handler) refresh(c *fiber.Ctx) error {
	raw := c.Cookies(refreshCookie)
	if raw == "" {
		return models.NewError(models.KindUnauthorized, "invalid_refresh")
	}
	u, next, family, err := h.Identity.RotateRefreshToken(c.UserContext(), raw, h.now())
	if err != nil {
		h.clearRefreshCookie(c)
		return err
	}
	return h.startSession(c, u, next, family)
}

func (h *handler) logout(c *fiber.Ctx) error {
	if raw := c.Cookies(refreshCookie); raw != "" {
		if err := h.Identity.RevokeRefreshToken(c.UserContext(), raw, h.now()); err != nil {
			return err
		}
	}
	h.clearRefreshCookie(c)
	return c.SendStatus(fiber.StatusNoContent)
}

func (h *handler) me(c *fiber.Ctx) error {
	u, err := h.Identity.UserByID(c.UserContext(), userID(c))
	if err != nil {
		return err
	}
	return h.meResponse(c, u)
}

func (h *handler) startSession(c *fiber.Ctx, u *models.User, refresh, family string) error {
	access, err := h.Tokens.Issue(u.ID, u.Role, family, h.now())
	if err != nil {
		return err
	}
	h.setRefreshCookie(c, refresh)
	return c.JSON(sessionResponse{AccessToken: access, TokenType: "Bearer",
		ExpiresIn: int(AccessTokenLifetime / time.Second), User: toUserResponse(u)})
}

func (h *handler) setRefreshCookie(c *fiber.Ctx, refresh string) {
	c.Cookie(&fiber.Cookie{
		Name:     refreshCookie,
		Value:    refresh,
		Path:     "/api/v1/auth",
		Expires:  h.now().Add(models.RefreshTokenLifetime),
		HTTPOnly: true,
		Secure:   h.secure(c),
		SameSite: fiber.CookieSameSiteStrictMode,
	})
}

type passwordRequest struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

// changePassword: PUT /me/password, for any signed-in user. The caller's
// session (named in the access token) goes on; every other one ends.
func (h *handler) changePassword(c *fiber.Ctx) error {
	var req passwordRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	fresh, err := h.Identity.ChangePassword(c.UserContext(), userID(c), req.CurrentPassword, req.NewPassword,
		sessionID(c), c.IP(), h.now())
	if err != nil {
		return err
	}
	if fresh != "" {
		h.setRefreshCookie(c, fresh)
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (h *handler) clearRefreshCookie(c *fiber.Ctx) {
	c.Cookie(&fiber.Cookie{Name: refreshCookie, Value: "", Path: "/api/v1/auth", Expires: time.Unix(1, 0),
		HTTPOnly: true, Secure: h.secure(c), SameSite: fiber.CookieSameSiteStrictMode})
}
