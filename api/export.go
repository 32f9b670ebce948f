package api

import (
	"github.com/gofiber/fiber/v2"
)

// export answers everything stored about the signed-in citizen.
func (h *handler) export(c *fiber.Ctx) error {
	data, err := h.Store.Export(c.UserContext(), userID(c), h.now())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="trappen-export.json"`)
	return c.JSON(data)
}
