package api

import (
	"github.com/gofiber/fiber/v2"

	"trappen/models"
)

func (h *handler) progression(a func(*fiber.Ctx) models.Access) fiber.Handler {
	return func(c *fiber.Ctx) error {
		p, err := h.Store.Progression(c.UserContext(), a(c))
		if err != nil {
			return err
		}
		return c.JSON(p)
	}
}
