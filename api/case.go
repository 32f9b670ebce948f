package api

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/gofiber/fiber/v2"

	"trappen/models"
)

// The case over its whole life (issue 8): change, close, reopen, delete, and
// the law's clock.

type casePatchRequest struct {
	Category      *int            `json:"category"`
	FirstSickDay  *string         `json:"first_sick_day"`
	ExpectedWeeks *int            `json:"expected_weeks"`
	Employment    *string         `json:"employment"`
	EmployerName  *string         `json:"employer_name"`
	Exempt        json.RawMessage `json:"exempt"`
}

type exemptRequest struct {
	Reason string  `json:"reason"`
	Until  *string `json:"until"`
}

// patch turns the request into the domain's patch; "exempt": null ends an
// exemption, a missing "exempt" leaves it.
func (r casePatchRequest) patch() (models.CasePatch, error) {
	p := models.CasePatch{Category: r.Category, FirstSickDay: r.FirstSickDay, ExpectedWeeks: r.ExpectedWeeks,
		Employment: r.Employment, EmployerName: r.EmployerName}
	if r.Exempt == nil {
		return p, nil
	}
	p.SetExempt = true
	if bytes.Equal(bytes.TrimSpace(r.Exempt), []byte("null")) {
		return p, nil
	}
	var ex exemptRequest
	if err := json.Unmarshal(r.Exempt, &ex); err != nil {
		return p, models.Invalid("exempt", "wrong_type")
	}
	p.Exempt = &models.Exemption{Reason: ex.Reason, Until: ex.Until}
	return p, nil
}

func (h *handler) patchCitizen(c *fiber.Ctx) error {
	var req casePatchRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	p, err := req.patch()
	if err != nil {
		return err
	}
	if err := h.Store.UpdateCase(c.UserContext(), userID(c), c.Params("id"), p, h.now()); err != nil {
		return err
	}
	return h.getCitizen(c)
}

type closeRequest struct {
	Date   string `json:"date"`
	Reason string `json:"reason"`
}

func (h *handler) closeCase(c *fiber.Ctx) error {
	var req closeRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	in := models.CloseInput{Date: req.Date, Reason: req.Reason}
	if err := h.Store.CloseCase(c.UserContext(), userID(c), c.Params("id"), in, h.now()); err != nil {
		return err
	}
	return h.getCitizen(c)
}

func (h *handler) reopenCase(c *fiber.Ctx) error {
	if err := h.Store.ReopenCase(c.UserContext(), userID(c), c.Params("id"), h.now()); err != nil {
		return err
	}
	return h.getCitizen(c)
}

func (h *handler) deleteCase(c *fiber.Ctx) error {
	if err := h.Store.DeleteCase(c.UserContext(), userID(c), c.Params("id"), h.now()); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

type timelineResponse struct {
	Items []models.TimelineItem `json:"items"`
}

func (h *handler) timeline(access func(*fiber.Ctx) models.Access) fiber.Handler {
	return func(c *fiber.Ctx) error {
		items, err := h.Store.TimelineOf(c.UserContext(), access(c), h.now())
		if err != nil {
			return err
		}
		return c.JSON(timelineResponse{Items: items})
	}
}

type doneOnRequest struct {
	DoneOn  string `json:"done_on"`
	Outcome string `json:"outcome"`
}

func (h *handler) recordDoctorConsultation(access func(*fiber.Ctx) models.Access) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var req doneOnRequest
		if err := decodeJSON(c, &req); err != nil {
			return err
		}
		items, err := h.Store.RecordDoctorConsultation(c.UserContext(), access(c), req.DoneOn, h.now())
		if err != nil {
			return err
		}
		return c.JSON(timelineResponse{Items: items})
	}
}

func (h *handler) recordReEvaluation(c *fiber.Ctx) error {
	var req doneOnRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	items, err := h.Store.RecordReEvaluation(c.UserContext(), cwAccess(c),
		models.ReEvaluationInput{DoneOn: req.DoneOn, Outcome: req.Outcome}, h.now())
	if err != nil {
		return err
	}
	return c.JSON(timelineResponse{Items: items})
}

// Writes that stay open on a closed case: the caseworker reopens or deletes
// it, and may end an employer's access (it only takes away; "/*" stands for
// the rest of the path); the citizen still manages their devices and reminders (nothing is sent
// while closed) and marks what they have seen. Everything else that writes
// under /citizens/:id or /me is refused by refuseClosedCase.
var (
	closedCaseworkerWrites = map[string]bool{"POST reopen": true, "DELETE ": true, "DELETE employer-contacts/*": true}
	closedCitizenWrites    = map[string]bool{
		"POST push-subscriptions": true, "DELETE push-subscriptions": true, "PUT notification-settings": true,
		"POST calendar-token": true, "DELETE calendar-token": true, "POST meetings/seen": true, "POST plan/seen": true,
	}
)

// refuseClosedCase is the one place a write to a closed case is refused
// (409 case_closed), for every route under /citizens/:id and /me, present
// and future. It runs before the route's handler, so it reads the citizen
// from the path (caseworkers) or the session (citizens).
func (h *handler) refuseClosedCase(prefix string, allowed map[string]bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if m := c.Method(); m == fiber.MethodGet || m == fiber.MethodHead || m == fiber.MethodOptions {
			return c.Next()
		}
		rest := strings.Trim(strings.TrimPrefix(c.Path(), prefix), "/")
		var a models.Access
		if c.Locals(localRole) == models.RoleCitizen {
			a = models.AsCitizen(userID(c))
		} else {
			id, tail, _ := strings.Cut(rest, "/")
			if id == "" {
				return c.Next() // the collection: registering a citizen
			}
			a, rest = models.AsCaseworker(userID(c), id), tail
			if c.Locals(localRole) == models.RoleEmployer {
				a = models.AsEmployer(userID(c), id)
			}
		}
		if allowedWrite(allowed, c.Method(), rest) {
			return c.Next()
		}
		closed, err := h.Store.CaseClosed(c.UserContext(), a)
		if err != nil {
			return err
		}
		if closed {
			return models.ErrCaseClosed
		}
		return c.Next()
	}
}

// allowedWrite reports whether method on rest is in allowed, exactly or
// under a "dir/*" entry.
func allowedWrite(allowed map[string]bool, method, rest string) bool {
	if allowed[method+" "+rest] {
		return true
	}
	dir, _, found := strings.Cut(rest, "/")
	return found && allowed[method+" "+dir+"/*"]
}
