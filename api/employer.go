package api

import (
	"github.com/gofiber/fiber/v2"

	"trappen/models"
)

// createEmployerContact: POST /citizens/:id/employer-contacts.
func (h *handler) createEmployerContact(c *fiber.Ctx) error {
	var req models.NewEmployerContact
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	out, err := h.Store.CreateEmployerContact(c.UserContext(), userID(c), c.Params("id"), req, h.now())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(out)
}

// listEmployerContacts: GET /citizens/:id/employer-contacts.
func (h *handler) listEmployerContacts(c *fiber.Ctx) error {
	items, err := h.Store.EmployerContacts(c.UserContext(), userID(c), c.Params("id"), h.now())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}

// deleteEmployerContact: DELETE /citizens/:id/employer-contacts/:contact_id ends the access at once.
func (h *handler) deleteEmployerContact(c *fiber.Ctx) error {
	if err := h.Store.DeleteEmployerContact(c.UserContext(), userID(c), c.Params("id"), c.Params("contact_id"), h.now()); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// employerSharing: GET /me/employer-sharing.
func (h *handler) employerSharing(c *fiber.Ctx) error {
	out, err := h.Store.Sharing(c.UserContext(), userID(c))
	if err != nil {
		return err
	}
	return c.JSON(out)
}

// putEmployerSharing: PUT /me/employer-sharing, all four answers at once.
func (h *handler) putEmployerSharing(c *fiber.Ctx) error {
	var req models.SharingInput
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	out, err := h.Store.SetSharing(c.UserContext(), userID(c), req, h.now())
	if err != nil {
		return err
	}
	return c.JSON(out)
}

// listEmployees: GET /employees, the employees the employer follows.
func (h *handler) listEmployees(c *fiber.Ctx) error {
	items, err := h.Store.Employees(c.UserContext(), userID(c), h.now())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}

// getEmployee: GET /employees/:id, only what the employee shares.
func (h *handler) getEmployee(c *fiber.Ctx) error {
	out, err := h.Store.Employee(c.UserContext(), userID(c), c.Params("id"), h.now())
	if err != nil {
		return err
	}
	return c.JSON(out)
}

// employerFastTrack: POST /employees/:id/fast-track.
func (h *handler) employerFastTrack(c *fiber.Ctx) error {
	var req models.EmployerFastTrack
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	r, err := h.Store.RequestFastTrackAsEmployer(c.UserContext(), userID(c), c.Params("id"), req, h.now())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(models.ToFastTrackView(r))
}

// employerPlacement: POST /employees/:id/placements, as party employer, today.
func (h *handler) employerPlacement(c *fiber.Ctx) error {
	var req models.EmployerPlacementInput
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	a := models.AsEmployer(userID(c), c.Params("id"))
	p, err := h.Store.CreatePlacement(c.UserContext(), a, req.Placement(h.now()), h.now())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(models.ToEmployerPlacement(*p))
}

// employerAgreement: PATCH /employees/:id/agreements/:agreement_id ticks off
// (or reopens) an item the employer owns; another party's is 403 not_yours.
func (h *handler) employerAgreement(c *fiber.Ctx) error {
	var r ownAgreementRequest
	if err := decodeJSON(c, &r); err != nil {
		return err
	}
	v, err := h.Store.SetEmployerAgreementStatus(c.UserContext(), userID(c), c.Params("id"), c.Params("agreement_id"), r.Status, h.now())
	if err != nil {
		return err
	}
	return c.JSON(v)
}
