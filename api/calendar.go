package api

import (
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"trappen/i18n"
	"trappen/models"
)

const calendarPath = "/api/v1/me/calendar.ics"

type calendarTokenResponse struct {
	Token     string `json:"token"`
	URL       string `json:"url"`
	WebcalURL string `json:"webcal_url"`
}

// rotateCalendarToken: POST /me/calendar-token makes a new private feed
// address; the previous one stops working. The token is shown once.
func (h *handler) rotateCalendarToken(c *fiber.Ctx) error {
	raw, err := h.Store.RotateCalendarToken(c.UserContext(), userID(c), h.now())
	if err != nil {
		return err
	}
	url := h.baseURL(c) + calendarPath + "?token=" + raw
	webcal := "webcal://" + strings.TrimPrefix(strings.TrimPrefix(url, "https://"), "http://")
	return c.Status(fiber.StatusCreated).JSON(calendarTokenResponse{Token: raw, URL: url, WebcalURL: webcal})
}

// calendarTokenStatus: GET /me/calendar-token says whether a feed is on.
func (h *handler) calendarTokenStatus(c *fiber.Ctx) error {
	t, err := h.Store.CalendarTokenFor(c.UserContext(), userID(c))
	if err != nil {
		return err
	}
	if t == nil {
		return c.JSON(fiber.Map{"active": false, "created_at": nil})
	}
	return c.JSON(fiber.Map{"active": true, "created_at": t.CreatedAt.UTC()})
}

// revokeCalendarToken: DELETE /me/calendar-token switches the feed off.
func (h *handler) revokeCalendarToken(c *fiber.Ctx) error {
	if err := h.Store.RevokeCalendarToken(c.UserContext(), userID(c)); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// calendarFeed: GET /me/calendar.ics?token=… without a sign-in, for the
// phone's calendar. Meetings show kind and time only: calendars sync to
// cloud services, so no place, agenda or participants.
func (h *handler) calendarFeed(c *fiber.Ctx) error {
	entries, lang, err := h.Store.CalendarFeed(c.UserContext(), c.Query("token"), h.now())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/calendar; charset=utf-8")
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.SendString(buildICS(entries, lang, h.baseURL(c), h.now()))
}

func buildICS(entries []models.CalendarEntry, lang, base string, now time.Time) string {
	var b strings.Builder
	lines := []string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Trappen//Trappen//" + strings.ToUpper(lang),
		"CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:Trappen", "REFRESH-INTERVAL;VALUE=DURATION:PT1H"}
	for _, e := range entries {
		lines = append(lines, vevent(e, lang, base, now)...)
	}
	lines = append(lines, "END:VCALENDAR")
	for _, l := range lines {
		b.WriteString(foldICS(l))
	}
	return b.String()
}

const icsTime = "20060102T150405Z"

// sequenceEpoch makes SEQUENCE grow with every change and fit 32 bits.
const sequenceEpoch = 1_700_000_000

func vevent(e models.CalendarEntry, lang, base string, now time.Time) []string {
	dur := time.Duration(max(e.DurationMinutes, 15)) * time.Minute
	status := "CONFIRMED"
	if e.Status == models.MeetingStatusCancelled {
		status = "CANCELLED"
	}
	return []string{"BEGIN:VEVENT",
		"UID:" + e.ID + "@trappen",
		"DTSTAMP:" + now.UTC().Format(icsTime),
		"LAST-MODIFIED:" + e.UpdatedAt.UTC().Format(icsTime),
		"SEQUENCE:" + strconv.FormatInt(max(e.UpdatedAt.Unix()-sequenceEpoch, 0), 10),
		"DTSTART:" + e.StartsAt.UTC().Format(icsTime),
		"DTEND:" + e.StartsAt.Add(dur).UTC().Format(icsTime),
		"SUMMARY:" + escapeICS(i18n.T(lang, "calendar.kind."+e.Kind, nil)),
		"DESCRIPTION:" + escapeICS(i18n.T(lang, "calendar.description", nil)),
		"URL:" + base + "/moeder/" + e.ID,
		"STATUS:" + status,
		"CLASS:PRIVATE",
		"END:VEVENT"}
}

var icsEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`, "\r", "")

func escapeICS(s string) string { return icsEscaper.Replace(s) }

// foldICS ends a content line with CRLF, folding it at 75 octets without
// splitting a UTF-8 character (RFC 5545 §3.1).
func foldICS(line string) string {
	var b strings.Builder
	n := 0
	for _, r := range line {
		size := len(string(r))
		if n+size > 75 {
			b.WriteString("\r\n ")
			n = 1
		}
		b.WriteRune(r)
		n += size
	}
	b.WriteString("\r\n")
	return b.String()
}
