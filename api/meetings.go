package api

import (
	"github.com/gofiber/fiber/v2"

	"trappen/models"
)

type meetingRequest struct {
	Kind            string   `json:"kind"`
	StartsAt        string   `json:"starts_at"`
	DurationMinutes *int     `json:"duration_minutes"`
	Location        string   `json:"location"`
	Participants    []string `json:"participants"`
	Agenda          string   `json:"agenda"`
}

type meetingPatchRequest struct {
	Kind            *string   `json:"kind"`
	StartsAt        *string   `json:"starts_at"`
	DurationMinutes *int      `json:"duration_minutes"`
	Location        *string   `json:"location"`
	Participants    *[]string `json:"participants"`
	Agenda          *string   `json:"agenda"`
}

type replyRequest struct {
	Response string `json:"response"`
	Reason   string `json:"reason"`
}

type reflectionRequest struct {
	CameFrom  string `json:"came_from"`
	HeadingTo string `json:"heading_to"`
	Proposal  string `json:"proposal"`
	Shared    bool   `json:"shared"`
}

func (h *handler) createMeeting(c *fiber.Ctx) error {
	var r meetingRequest
	if err := decodeJSON(c, &r); err != nil {
		return err
	}
	in := models.NewMeeting{Kind: r.Kind, StartsAt: r.StartsAt, DurationMinutes: r.DurationMinutes,
		Location: r.Location, Participants: r.Participants, Agenda: r.Agenda}
	m, err := h.Store.CreateMeeting(c.UserContext(), cwAccess(c), in, h.now())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(m)
}

func (h *handler) updateMeeting(c *fiber.Ctx) error {
	var r meetingPatchRequest
	if err := decodeJSON(c, &r); err != nil {
		return err
	}
	p := models.MeetingPatch{Kind: r.Kind, StartsAt: r.StartsAt, DurationMinutes: r.DurationMinutes,
		Location: r.Location, Participants: r.Participants, Agenda: r.Agenda}
	m, err := h.Store.UpdateMeeting(c.UserContext(), cwAccess(c), c.Params("meeting_id"), p, h.now())
	if err != nil {
		return err
	}
	return c.JSON(m)
}

func (h *handler) cancelMeeting(c *fiber.Ctx) error {
	if err := h.Store.CancelMeeting(c.UserContext(), cwAccess(c), c.Params("meeting_id"), h.now()); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (h *handler) listMeetings(a func(*fiber.Ctx) models.Access) fiber.Handler {
	return func(c *fiber.Ctx) error {
		lists, err := h.Store.Meetings(c.UserContext(), a(c), h.now())
		if err != nil {
			return err
		}
		return c.JSON(lists)
	}
}

func (h *handler) meetingsSeen(c *fiber.Ctx) error {
	if err := h.Store.MarkMeetingsSeen(c.UserContext(), userID(c), h.now()); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (h *handler) replyToMeeting(c *fiber.Ctx) error {
	var r replyRequest
	if err := decodeJSON(c, &r); err != nil {
		return err
	}
	v, err := h.Store.ReplyToMeeting(c.UserContext(), userID(c), c.Params("meeting_id"),
		models.NewMeetingReply{Response: r.Response, Reason: r.Reason}, h.now())
	if err != nil {
		return err
	}
	return c.JSON(v)
}

func (h *handler) putReflection(c *fiber.Ctx) error {
	var r reflectionRequest
	if err := decodeJSON(c, &r); err != nil {
		return err
	}
	in := models.NewReflection{CameFrom: r.CameFrom, HeadingTo: r.HeadingTo, Proposal: r.Proposal, Shared: r.Shared}
	v, err := h.Store.SaveReflection(c.UserContext(), userID(c), c.Params("meeting_id"), in, h.now())
	if err != nil {
		return err
	}
	return c.JSON(v)
}
