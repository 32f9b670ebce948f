package api

import (
	"github.com/gofiber/fiber/v2"

	"trappen/models"
)

// meResponse is the signed-in user; a caseworker's includes the contact
// details citizens see on their card.
type meResponse struct {
	userResponse
	Phone        *string `json:"phone,omitempty"`
	ContactHours *string `json:"contact_hours,omitempty"`
}

type meRequest struct {
	Locale       *string `json:"locale"`
	Phone        *string `json:"phone"`
	ContactHours *string `json:"contact_hours"`
}

// updateMe: PATCH /me changes the user's own language and, for a caseworker,
// the phone number and contact hours on their contact card. A citizen who
// sends those gets 422: they have no card, and silently dropping the fields
// would hide a client's mistake.
func (h *handler) updateMe(c *fiber.Ctx) error {
	var req meRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	contact := models.ContactPatch{Phone: req.Phone, ContactHours: req.ContactHours}
	if req.Locale == nil && contact.Empty() {
		return models.Invalid("locale", "required")
	}
	var v models.Validation
	if c.Locals(localRole) != models.RoleCaseworker {
		for field, set := range map[string]bool{"phone": req.Phone != nil, "contact_hours": req.ContactHours != nil} {
			if set {
				v.Add(field, "caseworker_only")
			}
		}
	}
	if req.Locale != nil {
		models.ValidateLocale(&v, "locale", *req.Locale)
	}
	contact.Validate(&v)
	if err := v.Err(); err != nil {
		return err
	}
	if err := h.Identity.SetContact(c.UserContext(), userID(c), contact, h.now()); err != nil {
		return err
	}
	u, err := h.Identity.UserByID(c.UserContext(), userID(c))
	if req.Locale != nil {
		u, err = h.Identity.SetLocale(c.UserContext(), userID(c), *req.Locale, h.now())
	}
	if err != nil {
		return err
	}
	c.Locals(localLang, u.Locale)
	return h.meResponse(c, u)
}

func (h *handler) meResponse(c *fiber.Ctx, u *models.User) error {
	out := meResponse{userResponse: toUserResponse(u)}
	if u.Role == models.RoleCaseworker {
		contact, err := h.Identity.Contact(c.UserContext(), u.ID)
		if err != nil {
			return err
		}
		out.Phone, out.ContactHours = &contact.Phone, &contact.ContactHours
	}
	return c.JSON(out)
}

// myCaseworker: GET /me/caseworker, the contact card every screen that says
// "contact your caseworker" links to (also in GET /me/home).
func (h *handler) myCaseworker(c *fiber.Ctx) error {
	card, err := h.Store.CaseworkerCard(c.UserContext(), userID(c))
	if err != nil {
		return err
	}
	return c.JSON(card)
}
