package api

import (
	"encoding/json"

	"github.com/gofiber/fiber/v2"

	"trappen/models"
)

type goalRequest struct {
	Title      string   `json:"title"`
	ParentID   *string  `json:"parent_id"`
	TargetDate *string  `json:"target_date"`
	Activities []string `json:"activities"`
}

type goalPatchRequest struct {
	Title      *string         `json:"title"`
	Status     *string         `json:"status"`
	TargetDate json.RawMessage `json:"target_date"`
	Activities *[]string       `json:"activities"`
}

func (r goalRequest) toModel() models.NewGoal {
	return models.NewGoal{Title: r.Title, ParentID: r.ParentID, TargetDate: r.TargetDate, Activities: r.Activities}
}

func (r goalPatchRequest) toModel() (models.GoalPatch, error) {
	p := models.GoalPatch{Title: r.Title, Status: r.Status, Activities: r.Activities}
	d, present, err := nullableString("target_date", r.TargetDate)
	p.TargetDate, p.ClearTargetDate = d, present && d == nil
	return p, err
}

func (h *handler) listGoals(a func(*fiber.Ctx) models.Access) fiber.Handler {
	return func(c *fiber.Ctx) error {
		goals, err := h.Store.Goals(c.UserContext(), a(c))
		if err != nil {
			return err
		}
		return c.JSON(fiber.Map{"items": goals})
	}
}

func (h *handler) createGoal(a func(*fiber.Ctx) models.Access) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var req goalRequest
		if err := decodeJSON(c, &req); err != nil {
			return err
		}
		g, err := h.Store.CreateGoal(c.UserContext(), a(c), req.toModel(), h.now())
		if err != nil {
			return err
		}
		return c.Status(fiber.StatusCreated).JSON(g)
	}
}

func (h *handler) updateGoal(a func(*fiber.Ctx) models.Access) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var req goalPatchRequest
		if err := decodeJSON(c, &req); err != nil {
			return err
		}
		p, err := req.toModel()
		if err != nil {
			return err
		}
		g, err := h.Store.UpdateGoal(c.UserContext(), a(c), c.Params("goal_id"), p, h.now())
		if err != nil {
			return err
		}
		return c.JSON(g)
	}
}
