package api

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"trappen/models"
)

type createCitizenRequest struct {
	Name          string `json:"name"`
	Email         string `json:"email"`
	Locale        string `json:"locale"`
	FirstSickDay  string `json:"first_sick_day"`
	Category      int    `json:"category"`
	ExpectedWeeks *int   `json:"expected_weeks"`
	EmployerName  string `json:"employer_name"`
}

type citizenResponse struct {
	ID            string    `json:"id"`
	Name          string    `json:"name"`
	Email         string    `json:"email"`
	Locale        string    `json:"locale"`
	FirstSickDay  string    `json:"first_sick_day"`
	Category      int       `json:"category"`
	ExpectedWeeks *int      `json:"expected_weeks"`
	EmployerName  string    `json:"employer_name"`
	Activated     bool      `json:"activated"`
	CreatedAt     time.Time `json:"created_at"`
}

type inviteResponse struct {
	citizenResponse
	InviteCode      string    `json:"invite_code"`
	InviteExpiresAt time.Time `json:"invite_expires_at"`
}

func toCitizenResponse(c *models.Citizen) citizenResponse {
	return citizenResponse{ID: c.ID, Name: c.User.Name, Email: c.User.Email, Locale: c.User.Locale,
		FirstSickDay: c.FirstSickDay, Category: c.Category, ExpectedWeeks: c.ExpectedWeeks,
		EmployerName: c.EmployerName, Activated: c.User.PasswordHash != nil, CreatedAt: c.CreatedAt}
}

func (h *handler) createCitizen(c *fiber.Ctx) error {
	var req createCitizenRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	in := models.NewCitizen{Name: req.Name, Email: req.Email, Locale: req.Locale, FirstSickDay: req.FirstSickDay,
		Category: req.Category, ExpectedWeeks: req.ExpectedWeeks, EmployerName: req.EmployerName}
	cz, inv, err := h.Store.CreateCitizen(c.UserContext(), userID(c), in, h.now())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(inviteResponse{citizenResponse: toCitizenResponse(cz),
		InviteCode: inv.Code, InviteExpiresAt: inv.ExpiresAt})
}

func (h *handler) listCitizens(c *fiber.Ctx) error {
	list, err := h.Store.Caseload(c.UserContext(), userID(c))
	if err != nil {
		return err
	}
	items := make([]citizenResponse, len(list))
	for i := range list {
		items[i] = toCitizenResponse(&list[i])
	}
	return c.JSON(fiber.Map{"items": items})
}

func (h *handler) getCitizen(c *fiber.Ctx) error {
	cz, err := h.Store.CitizenOf(c.UserContext(), userID(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(toCitizenResponse(cz))
}

func (h *handler) reissueInvite(c *fiber.Ctx) error {
	inv, err := h.Store.ReissueInvite(c.UserContext(), userID(c), c.Params("id"), h.now())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{"invite_code": inv.Code, "invite_expires_at": inv.ExpiresAt})
}
