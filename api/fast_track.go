package api

import (
	"github.com/gofiber/fiber/v2"

	"trappen/models"
)

type fastTrackRequest struct {
	RequestedBy   string `json:"requested_by"`
	RequestedAt   string `json:"requested_at"`
	ExpectedWeeks *int   `json:"expected_weeks"`
}

type decisionRequest struct {
	Decision string `json:"decision"`
}

// registerFastTrack: POST /citizens/:id/fast-track.
func (h *handler) registerFastTrack(c *fiber.Ctx) error {
	var req fastTrackRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	in := models.NewFastTrack{RequestedBy: req.RequestedBy, RequestedAt: req.RequestedAt, ExpectedWeeks: req.ExpectedWeeks}
	r, err := h.Store.RegisterFastTrack(c.UserContext(), userID(c), c.Params("id"), in, h.now())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(models.ToFastTrackView(r))
}

// citizenFastTrack: GET /citizens/:id/fast-track, the caseworker's section.
func (h *handler) citizenFastTrack(c *fiber.Ctx) error {
	sec, err := h.Store.FastTrackSection(c.UserContext(), models.AsCaseworker(userID(c), c.Params("id")), h.now())
	if err != nil {
		return err
	}
	return c.JSON(sec)
}

// myFastTrack: GET /me/fast-track. `request` is the one waiting for an
// answer, else the newest; `requests` holds every one, newest first.
func (h *handler) myFastTrack(c *fiber.Ctx) error {
	sec, err := h.Store.FastTrackSection(c.UserContext(), models.AsCitizen(userID(c)), h.now())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"request": sec.Current, "requests": sec.Requests})
}

// decideFastTrack: POST /me/fast-track/:id/decision.
func (h *handler) decideFastTrack(c *fiber.Ctx) error {
	var req decisionRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	r, err := h.Store.DecideFastTrack(c.UserContext(), userID(c), c.Params("ft_id"), req.Decision, h.now())
	if err != nil {
		return err
	}
	return c.JSON(models.ToFastTrackView(r))
}

// withdrawFastTrack: POST /me/fast-track/:id/withdraw.
func (h *handler) withdrawFastTrack(c *fiber.Ctx) error {
	r, err := h.Store.WithdrawFastTrack(c.UserContext(), userID(c), c.Params("ft_id"), h.now())
	if err != nil {
		return err
	}
	return c.JSON(models.ToFastTrackView(r))
}
