package api

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"trappen/models"
)

// citizenRoute is the prefix of every caseworker route about one citizen.
const citizenRoute = "/api/v1/citizens/:id"

// auditCitizenData writes an access-log entry after every successful
// caseworker request under /citizens/:id that answers with a body: a GET,
// and equally a write that returns the citizen's data (a PATCH answers with
// the goal, its sub-goals and the citizen's shared reflection). It sits on
// the caseworker group, so routes added later are covered without anyone
// remembering. Only the route pattern is kept (as "what"), never ids or
// query strings.
func (h *handler) auditCitizenData(c *fiber.Ctx) error {
	if err := c.Next(); err != nil {
		return err
	}
	status := c.Response().StatusCode()
	// SendStatus(204) leaves the status text as body; none is sent.
	if status < 200 || status > 299 || status == fiber.StatusNoContent || len(c.Response().Body()) == 0 {
		return nil
	}
	what := whatFromRoute(c.Route().Path, citizenRoute)
	if what == "" {
		return nil
	}
	if err := h.Store.RecordAccess(c.UserContext(), userID(c), c.Params("id"), what, h.now()); err != nil {
		// Fail closed: data whose reading cannot be recorded is not served.
		c.Response().ResetBody()
		return fmt.Errorf("record access: %w", err)
	}
	return h.noteReflectionReads(c)
}

// showsReflections are the caseworker routes whose answer holds the
// reflections the citizen shares: reading one of them is reading those.
var showsReflections = map[string]bool{citizenRoute: true, citizenRoute + "/meetings": true}

// noteReflectionReads lets the citizen see when a shared reflection was read.
func (h *handler) noteReflectionReads(c *fiber.Ctx) error {
	if !showsReflections[c.Route().Path] {
		return nil
	}
	if err := h.Store.MarkReflectionsRead(c.UserContext(), c.Params("id"), h.now()); err != nil {
		c.Response().ResetBody()
		return err
	}
	return nil
}

type accessLogResponse struct {
	Items      []models.AccessEntry `json:"items"`
	NextBefore *int64               `json:"next_before"`
}

// getAccessLog shows the citizen who has read their data, newest first.
func (h *handler) getAccessLog(c *fiber.Ctx) error {
	limit, before, err := accessLogPage(c)
	if err != nil {
		return err
	}
	items, err := h.Store.AccessLog(c.UserContext(), userID(c), before, limit)
	if err != nil {
		return err
	}
	out := accessLogResponse{Items: items}
	if len(items) == limit {
		out.NextBefore = &items[len(items)-1].ID
	}
	return c.JSON(out)
}

const defaultAccessLogPage = 50

func accessLogPage(c *fiber.Ctx) (limit int, before int64, err error) {
	var v models.Validation
	limit = defaultAccessLogPage
	if s := c.Query("limit"); s != "" {
		n, perr := strconv.Atoi(s)
		if perr != nil || n < 1 || n > models.MaxAccessLogPage {
			v.Add("limit", "out_of_range", "min", 1, "max", models.MaxAccessLogPage)
		}
		limit = n
	}
	if s := c.Query("before"); s != "" {
		n, perr := strconv.ParseInt(s, 10, 64)
		if perr != nil || n < 1 {
			v.Add("before", "invalid")
		}
		before = n
	}
	return limit, before, v.Err()
}

// whatFromRoute names what a caseworker read from the route pattern that
// answered: "/api/v1/citizens/:id" is "profile", ".../:id/plan/versions" is
// "plan_versions". Parameters are dropped, so no id or query string is kept.
func whatFromRoute(pattern, prefix string) string {
	rest, ok := strings.CutPrefix(pattern, prefix)
	if !ok {
		return ""
	}
	var parts []string
	for _, seg := range strings.Split(rest, "/") {
		if seg == "" || strings.HasPrefix(seg, ":") || strings.HasPrefix(seg, "*") {
			continue
		}
		parts = append(parts, strings.ReplaceAll(seg, "-", "_"))
	}
	if len(parts) == 0 {
		return "profile"
	}
	return strings.Join(parts, "_")
}
