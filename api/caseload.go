package api

import (
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"trappen/models"
)

// caseloadItem is one citizen in the caseload: the citizen's profile plus
// what the caseworker needs to see at a glance.
type caseloadItem struct {
	citizenResponse
	WeekOfSickness     int                    `json:"week_of_sickness"`
	InviteExpiresAt    *time.Time             `json:"invite_expires_at"`
	NextMeeting        *models.MeetingRef     `json:"next_meeting"`
	LastCheckin        *models.CheckinSummary `json:"last_checkin"`
	OpenActions        []string               `json:"open_actions"`
	NeedsAction        bool                   `json:"needs_action"`
	NearestDeadline    *models.Deadline       `json:"nearest_deadline"`
	RoundtableThisWeek bool                   `json:"roundtable_this_week"`
	SnoozedUntil       *string                `json:"snoozed_until"`
	SnoozeReason       *string                `json:"snooze_reason"`
}

func toCaseloadItem(e *models.CaseloadEntry) caseloadItem {
	return caseloadItem{citizenResponse: toCitizenResponse(&e.Citizen), WeekOfSickness: e.WeekOfSickness,
		InviteExpiresAt: e.InviteExpiresAt, NextMeeting: e.NextMeeting, LastCheckin: e.LastCheckin,
		OpenActions: e.OpenActions, NeedsAction: e.NeedsAction(), NearestDeadline: e.NearestDeadline,
		RoundtableThisWeek: e.RoundtableThisWeek, SnoozedUntil: e.SnoozedUntil, SnoozeReason: e.SnoozeReason}
}

// listCitizens is the caseload: ?sort=deadline|name|week,
// ?filter=needs_action|fast_track_pending|no_checkin_14d|roundtable_this_week,
// ?category=1|2|3, ?status=open|closed (open by default).
func (h *handler) listCitizens(c *fiber.Ctx) error {
	q, err := caseloadQuery(c)
	if err != nil {
		return err
	}
	status := c.Query("status", models.CaseOpen)
	if status != models.CaseOpen && status != models.CaseClosed {
		return models.Invalid("status", "invalid_choice")
	}
	entries, err := h.Store.CaseloadViewOf(c.UserContext(), userID(c), status, h.now())
	if err != nil {
		return err
	}
	entries = q.Apply(entries)
	items := make([]caseloadItem, len(entries))
	for i := range entries {
		items[i] = toCaseloadItem(&entries[i])
	}
	return c.JSON(fiber.Map{"items": items})
}

func caseloadQuery(c *fiber.Ctx) (models.CaseloadQuery, error) {
	q := models.CaseloadQuery{Sort: c.Query("sort"), Filter: c.Query("filter")}
	if s := c.Query("category"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return q, models.Invalid("category", "invalid_category")
		}
		q.Category = n
	}
	return q, q.Validate()
}

type snoozeRequest struct {
	Until  string `json:"until"`
	Reason string `json:"reason"`
}

type snoozeResponse struct {
	SnoozedUntil string `json:"snoozed_until"`
	SnoozeReason string `json:"snooze_reason"`
}

func (h *handler) snoozeCitizen(c *fiber.Ctx) error {
	var req snoozeRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	sn, err := h.Store.SnoozeCitizen(c.UserContext(), userID(c), c.Params("id"),
		models.SnoozeInput{Until: req.Until, Reason: req.Reason}, h.now())
	if err != nil {
		return err
	}
	return c.JSON(snoozeResponse{SnoozedUntil: sn.SnoozedUntil, SnoozeReason: sn.Reason})
}

func (h *handler) unsnoozeCitizen(c *fiber.Ctx) error {
	if err := h.Store.Unsnooze(c.UserContext(), userID(c), c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

type caseworkerResponse struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

// listCaseworkers lists everyone a citizen can be handed to (one jobcenter).
func (h *handler) listCaseworkers(c *fiber.Ctx) error {
	list, err := h.Store.Caseworkers(c.UserContext())
	if err != nil {
		return err
	}
	items := make([]caseworkerResponse, len(list))
	for i, u := range list {
		items[i] = caseworkerResponse{ID: u.ID, Name: u.Name, Email: u.Email}
	}
	return c.JSON(fiber.Map{"items": items})
}

type reassignRequest struct {
	CaseworkerID string `json:"caseworker_id"`
}

func (h *handler) reassignCitizen(c *fiber.Ctx) error {
	var req reassignRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	to, err := h.Store.Reassign(c.UserContext(), userID(c), c.Params("id"), req.CaseworkerID, h.now())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"id": c.Params("id"),
		"caseworker": caseworkerResponse{ID: to.ID, Name: to.Name, Email: to.Email}})
}
