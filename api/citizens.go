package api

import (
	"net/url"
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
	Employment    string `json:"employment"`
}

// citizenResponse is the profile the citizen sees, plus whether they have
// activated their access.
type citizenResponse struct {
	models.Profile
	Activated bool `json:"activated"`
}

type inviteResponse struct {
	citizenResponse
	InviteCode      string    `json:"invite_code"`
	InviteExpiresAt time.Time `json:"invite_expires_at"`
	InviteURL       string    `json:"invite_url"`
}

// inviteURL is the PWA's activation link for code, relative to the site, so
// it is right behind any host name; the PWA turns it into the QR code.
func inviteURL(code string) string { return "/aktiver?kode=" + url.QueryEscape(code) }

func toCitizenResponse(c *models.Citizen) citizenResponse {
	return citizenResponse{Profile: models.ToProfile(c), Activated: c.User.Activated()}
}

func (h *handler) createCitizen(c *fiber.Ctx) error {
	var req createCitizenRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	in := models.NewCitizen{Name: req.Name, Email: req.Email, Locale: req.Locale, FirstSickDay: req.FirstSickDay,
		Category: req.Category, ExpectedWeeks: req.ExpectedWeeks, EmployerName: req.EmployerName,
		Employment: req.Employment}
	cz, inv, err := h.Store.CreateCitizen(c.UserContext(), userID(c), in, h.now())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(inviteResponse{citizenResponse: toCitizenResponse(cz),
		InviteCode: inv.Code, InviteExpiresAt: inv.ExpiresAt, InviteURL: inviteURL(inv.Code)})
}

func (h *handler) getCitizen(c *fiber.Ctx) error {
	cz, err := h.Store.CitizenOf(c.UserContext(), userID(c), c.Params("id"))
	if err != nil {
		return err
	}
	j, err := h.Store.Journey(c.UserContext(), userID(c), cz, h.now())
	if err != nil {
		return err
	}
	return c.JSON(citizenDetailResponse{citizenResponse: toCitizenResponse(cz), CitizenJourney: j,
		SignInMethod: cz.User.SignInMethod()})
}

// citizenDetailResponse is the profile with goals, plan, meetings and the rest
// of the citizen's journey (issue 3) side by side.
type citizenDetailResponse struct {
	citizenResponse
	*models.CitizenJourney
	// SignInMethod is "mitid", "password" or null (not activated yet).
	SignInMethod *string `json:"sign_in_method"`
}

func (h *handler) reissueInvite(c *fiber.Ctx) error {
	inv, err := h.Store.ReissueInvite(c.UserContext(), userID(c), c.Params("id"), h.now())
	if err != nil {
		return err
	}
	// usable_from is set for an account already in use: the code waits, and
	// the citizen is told (see models/sign_in_codes.go).
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{"invite_code": inv.Code, "invite_expires_at": inv.ExpiresAt,
		"invite_url": inviteURL(inv.Code), "usable_from": inv.UsableFrom})
}
