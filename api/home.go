package api

import (
	"github.com/gofiber/fiber/v2"

	"trappen/models"
)

// homeResponse is I dag, with a notice of a sign-in code made for the
// citizen's account while it is pending.
type homeResponse struct {
	*models.Home
	SignInCode *models.PendingSignInCode `json:"sign_in_code"`
}

func (h *handler) home(c *fiber.Ctx) error {
	home, err := h.Store.Home(c.UserContext(), userID(c), h.now())
	if err != nil {
		return err
	}
	code, err := h.Store.PendingSignInCodeOf(c.UserContext(), userID(c), h.now())
	if err != nil {
		return err
	}
	return c.JSON(homeResponse{Home: home, SignInCode: code})
}

// cancelSignInCode: DELETE /me/sign-in-code removes a code made for the
// citizen's account that they did not ask for.
func (h *handler) cancelSignInCode(c *fiber.Ctx) error {
	if err := h.Store.CancelSignInCodes(c.UserContext(), userID(c)); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
