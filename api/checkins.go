package api

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"trappen/models"
)

type checkinRequest struct {
	ID             string             `json:"id"`
	RecordedAt     string             `json:"recorded_at"`
	GoalScores     []models.GoalScore `json:"goal_scores"`
	StaircaseStep  *int               `json:"staircase_step"`
	NotAtWorkplace bool               `json:"not_at_workplace"`
	Wellbeing      *int               `json:"wellbeing"`
	HoursWorked    *float64           `json:"hours_worked"`
	Note           string             `json:"note"`
}

func (r checkinRequest) toModel() (models.NewCheckin, error) {
	in := models.NewCheckin{ID: r.ID, GoalScores: r.GoalScores, StaircaseStep: r.StaircaseStep,
		NotAtWorkplace: r.NotAtWorkplace,
		Wellbeing:      r.Wellbeing, HoursWorked: r.HoursWorked, Note: r.Note}
	if r.RecordedAt == "" {
		return in, models.Invalid("recorded_at", "required")
	}
	t, err := time.Parse(time.RFC3339, r.RecordedAt)
	if err != nil {
		return in, models.Invalid("recorded_at", "invalid_time")
	}
	in.RecordedAt = t
	return in, nil
}

// postCheckin answers 201 for a new check-in and 200 for a replay of one.
func (h *handler) postCheckin(c *fiber.Ctx) error {
	var req checkinRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	in, err := req.toModel()
	if err != nil {
		return err
	}
	v, created, err := h.Store.RecordCheckin(c.UserContext(), userID(c), in, h.now())
	if err != nil {
		return err
	}
	status := fiber.StatusOK
	if created {
		status = fiber.StatusCreated
	}
	return c.Status(status).JSON(v)
}

func (h *handler) myCheckins(c *fiber.Ctx) error {
	list, err := h.Store.Checkins(c.UserContext(), meAccess(c))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": list})
}

// citizenCheckins: the caseworker reads the check-ins with their notes; the
// citizen is told their caseworker can read them.
func (h *handler) citizenCheckins(c *fiber.Ctx) error {
	list, err := h.Store.Checkins(c.UserContext(), cwAccess(c))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": list})
}
