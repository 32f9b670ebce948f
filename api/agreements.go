package api

import (
	"encoding/json"

	"github.com/gofiber/fiber/v2"

	"trappen/models"
)

type agreementRequest struct {
	Text      string  `json:"text"`
	Owner     string  `json:"owner"`
	DueDate   *string `json:"due_date"`
	MeetingID *string `json:"meeting_id"`
}

type agreementPatchRequest struct {
	Text      *string         `json:"text"`
	Owner     *string         `json:"owner"`
	DueDate   json.RawMessage `json:"due_date"`
	Status    *string         `json:"status"`
	MeetingID json.RawMessage `json:"meeting_id"`
}

type ownAgreementRequest struct {
	Status *string `json:"status"`
}

func (r agreementPatchRequest) toModel() (models.AgreementPatch, error) {
	p := models.AgreementPatch{Text: r.Text, Owner: r.Owner, Status: r.Status}
	d, present, err := nullableString("due_date", r.DueDate)
	if err != nil {
		return p, err
	}
	p.DueDate, p.ClearDueDate = d, present && d == nil
	m, present, err := nullableString("meeting_id", r.MeetingID)
	p.MeetingID, p.ClearMeetingID = m, present && (m == nil || *m == "")
	if p.ClearMeetingID {
		p.MeetingID = nil
	}
	return p, err
}

func (h *handler) listAgreements(a func(*fiber.Ctx) models.Access) fiber.Handler {
	return func(c *fiber.Ctx) error {
		list, err := h.Store.Agreements(c.UserContext(), a(c), h.now())
		if err != nil {
			return err
		}
		return c.JSON(fiber.Map{"items": list})
	}
}

func (h *handler) createAgreement(c *fiber.Ctx) error {
	var r agreementRequest
	if err := decodeJSON(c, &r); err != nil {
		return err
	}
	in := models.NewAgreement{Text: r.Text, Owner: r.Owner, DueDate: r.DueDate, MeetingID: r.MeetingID}
	v, err := h.Store.CreateAgreement(c.UserContext(), cwAccess(c), in, h.now())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(v)
}

func (h *handler) updateAgreement(c *fiber.Ctx) error {
	var r agreementPatchRequest
	if err := decodeJSON(c, &r); err != nil {
		return err
	}
	p, err := r.toModel()
	if err != nil {
		return err
	}
	v, err := h.Store.UpdateAgreement(c.UserContext(), cwAccess(c), c.Params("agreement_id"), p, h.now())
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// updateOwnAgreement: the citizen ticks off an item they own.
func (h *handler) updateOwnAgreement(c *fiber.Ctx) error {
	var r ownAgreementRequest
	if err := decodeJSON(c, &r); err != nil {
		return err
	}
	v, err := h.Store.SetOwnAgreementStatus(c.UserContext(), userID(c), models.OwnerCitizen, c.Params("agreement_id"), r.Status, h.now())
	if err != nil {
		return err
	}
	return c.JSON(v)
}
