package api

import (
	"github.com/gofiber/fiber/v2"

	"trappen/models"
)

type placementRequest struct {
	Party     string  `json:"party"`
	Step      int     `json:"step"`
	Date      string  `json:"date"`
	Note      string  `json:"note"`
	MeetingID *string `json:"meeting_id"`
}

func (h *handler) createPlacement(c *fiber.Ctx) error {
	var r placementRequest
	if err := decodeJSON(c, &r); err != nil {
		return err
	}
	in := models.NewPlacement{Party: r.Party, Step: r.Step, Date: r.Date, Note: r.Note, MeetingID: r.MeetingID}
	p, err := h.Store.CreatePlacement(c.UserContext(), cwAccess(c), in, h.now())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(p)
}

func (h *handler) listPlacements(c *fiber.Ctx) error {
	overview, err := h.Store.Staircase(c.UserContext(), cwAccess(c))
	if err != nil {
		return err
	}
	return c.JSON(overview)
}
