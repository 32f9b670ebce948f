package api

import (
	"github.com/gofiber/fiber/v2"

	"trappen/models"
)

// goalCheck answers whether a goal being typed is vague, so the forms can
// give the hint while typing without a copy of the rule (models.IsVagueGoal).
func (h *handler) goalCheck(c *fiber.Ctx) error {
	title := c.Query("title")
	if len([]rune(title)) > 1000 {
		return models.Invalid("title", "too_long", "max", 1000)
	}
	var target *string
	if d := c.Query("target_date"); d != "" {
		if _, ok := models.ParseDate(d); !ok {
			return models.Invalid("target_date", "invalid_date")
		}
		target = &d
	}
	return c.JSON(fiber.Map{"vague": models.IsVagueGoal(title, target)})
}
