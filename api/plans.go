package api

import (
	"github.com/gofiber/fiber/v2"

	"trappen/models"
)

type planRequest struct {
	Weeks        []planWeekRequest  `json:"weeks"`
	AllowedTasks []string           `json:"allowed_tasks"`
	AvoidTasks   []string           `json:"avoid_tasks"`
	MixingDesk   *models.MixingDesk `json:"mixing_desk"`
}

type planWeekRequest struct {
	WeekStart     string          `json:"week_start"`
	Hours         models.DayHours `json:"hours"`
	Note          string          `json:"note"`
	StatusMeeting *string         `json:"status_meeting"`
}

type feedbackRequest struct {
	Recognises string `json:"recognises"`
	Comment    string `json:"comment"`
}

func (r planRequest) toModel() models.PlanSnapshot {
	p := models.PlanSnapshot{AllowedTasks: r.AllowedTasks, AvoidTasks: r.AvoidTasks, MixingDesk: r.MixingDesk}
	if r.Weeks != nil {
		p.Weeks = make([]models.PlanWeek, len(r.Weeks))
	}
	for i, w := range r.Weeks {
		p.Weeks[i] = models.PlanWeek{WeekStart: w.WeekStart, Hours: w.Hours, Note: w.Note, StatusMeeting: w.StatusMeeting}
	}
	return p
}

func (h *handler) putCitizenPlan(c *fiber.Ctx) error {
	var req planRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	p, err := h.Store.SavePlan(c.UserContext(), cwAccess(c), req.toModel(), h.now())
	if err != nil {
		return err
	}
	return c.JSON(p)
}

func (h *handler) getPlan(a func(*fiber.Ctx) models.Access) fiber.Handler {
	return func(c *fiber.Ctx) error {
		p, err := h.Store.CurrentPlan(c.UserContext(), a(c), h.now())
		if err != nil {
			return err
		}
		return c.JSON(p)
	}
}

func (h *handler) listPlanVersions(c *fiber.Ctx) error {
	list, err := h.Store.PlanVersions(c.UserContext(), cwAccess(c), h.now())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": list})
}

func (h *handler) putPlanFeedback(c *fiber.Ctx) error {
	var req feedbackRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	fb, err := h.Store.SavePlanFeedback(c.UserContext(), userID(c),
		models.NewPlanFeedback{Recognises: req.Recognises, Comment: req.Comment}, h.now())
	if err != nil {
		return err
	}
	return c.JSON(fb)
}

func (h *handler) planSeen(c *fiber.Ctx) error {
	if err := h.Store.MarkPlanSeen(c.UserContext(), userID(c)); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
