package api

import (
	"github.com/gofiber/fiber/v2"
)

func (h *handler) home(c *fiber.Ctx) error {
	home, err := h.Store.Home(c.UserContext(), userID(c), h.now())
	if err != nil {
		return err
	}
	return c.JSON(home)
}

// cancelSignInCode: DELETE /me/sign-in-code removes a code made for the
// citizen's account that they did not ask for.
func (h *handler) cancelSignInCode(c *fiber.Ctx) error {
	if err := h.Store.CancelSignInCodes(c.UserContext(), userID(c)); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
