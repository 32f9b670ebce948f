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
