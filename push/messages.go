// Package push turns due push jobs into Web Push messages: it renders each
// message in the citizen's language, sends it with a Sender and records the
// outcome through models. The server runs a Worker in a loop; tests call
// RunOnce with a clock of their own.
package push

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"trappen/i18n"
	"trappen/models"
)

// Payload is the decrypted body the service worker receives. It holds
// nothing the lock screen may not show: no agenda, no place, no notes.
type Payload struct {
	Type  string `json:"type"`
	Title string `json:"title"`
	Body  string `json:"body"`
	URL   string `json:"url"`
	// Tag lets the service worker replace an older notification on the same
	// subject (the same value as the Topic header).
	Tag string `json:"tag"`
}

// Message is one encrypted request to one device.
type Message struct {
	Endpoint string
	P256dh   string
	Auth     string
	Payload  []byte
	TTL      time.Duration
	Urgency  string // very-low, low, normal, high (RFC 8030)
	Topic    string
}

// URLs the PWA opens on a click; the citizen's I dag screen holds the
// fast-track card, a meeting has its own page.
func messageURL(d models.Delivery) string {
	switch d.Type {
	case models.PushFastTrackRequest, models.PushFastTrackDeadline, models.PushSignInCode:
		return "/"
	case models.PushReflectionPrompt:
		return "/moeder/" + d.RefID + "/forberedelse"
	case models.PushAgreementAdded:
		return "/aftaler"
	case models.PushTimelineReminder:
		return "/forloeb"
	case models.PushEmployerRoundtable, models.PushEmployerAgreement:
		return "/arbejdsgiver/medarbejder/" + d.EmployeeID // the employee's page on the manager's screens
	default:
		return "/moeder/" + d.RefID
	}
}

// Build renders d as the message a sender posts, as seen at now.
func Build(d models.Delivery, now time.Time) (Message, error) {
	p := Render(d, now)
	body, err := json.Marshal(p)
	if err != nil {
		return Message{}, err
	}
	return Message{Endpoint: d.Endpoint, P256dh: d.P256dh, Auth: d.Auth, Payload: body,
		TTL: ttl(d, now), Urgency: urgency(d.Type), Topic: p.Tag}, nil
}

// Render is the payload of d in the citizen's language.
func Render(d models.Delivery, now time.Time) Payload {
	lang := d.Locale
	if !i18n.Supported(lang) {
		lang = i18n.Default
	}
	vars := i18n.Vars{}
	if d.RefAt != nil {
		vars["when"] = When(lang, *d.RefAt, now)
		if d.Type == models.PushTimelineReminder {
			vars["when"] = OnDay(lang, *d.RefAt, now) // a due date has no hour
		}
	}
	return Payload{Type: d.Type, URL: messageURL(d), Tag: Topic(d.RefID),
		Title: i18n.T(lang, "push."+d.Type+".title", nil),
		Body:  i18n.T(lang, "push."+d.Type+".body", vars)}
}

// When says t relative to now on Copenhagen calendars: "i morgen kl. 10:00".
func When(lang string, t, now time.Time) string {
	return onCalendar(lang, "push.when.", t, now, i18n.Vars{"time": t.In(models.Copenhagen).Format("15:04")})
}

// OnDay says t's Copenhagen date relative to now: "i dag", "den 16. marts".
func OnDay(lang string, t, now time.Time) string {
	return onCalendar(lang, "push.day.", t, now, i18n.Vars{})
}

// onCalendar renders the catalog key prefix+"today", "tomorrow" or "date"
// for t's Copenhagen date as seen from now, with its day and month in vars.
func onCalendar(lang, prefix string, t, now time.Time, vars i18n.Vars) string {
	local := t.In(models.Copenhagen)
	vars["day"] = local.Day()
	vars["month"] = i18n.T(lang, "push.month."+strconv.Itoa(int(local.Month())), nil)
	switch models.DaysBetween(models.CopenhagenDate(now), models.CopenhagenDate(t)) {
	case 0:
		return i18n.T(lang, prefix+"today", vars)
	case 1:
		return i18n.T(lang, prefix+"tomorrow", vars)
	default:
		return i18n.T(lang, prefix+"date", vars)
	}
}

// Topic names the subject (a meeting or a request) so a newer message
// replaces an undelivered older one: at most 32 URL-safe characters.
func Topic(refID string) string {
	t := strings.ReplaceAll(refID, "-", "")
	if len(t) > 32 {
		t = t[:32]
	}
	return t
}

func urgency(typ string) string {
	switch typ {
	case models.PushFastTrackRequest, models.PushFastTrackDeadline:
		return "high"
	case models.PushReflectionPrompt:
		return "low"
	default:
		return "normal"
	}
}

// TTL bounds: a message is worth delivering until its moment passes, and the
// push services keep nothing longer than about four weeks.
const (
	minTTL   = time.Minute
	eventTTL = 72 * time.Hour
	maxTTL   = 28 * 24 * time.Hour
)

// ttl is always positive: an unset TTL would go out as "TTL: 0", and a
// device that is offline for a moment would never see the message.
func ttl(d models.Delivery, now time.Time) time.Duration {
	limit := maxTTL
	switch d.Type {
	case models.PushMeetingScheduled, models.PushMeetingChanged, models.PushMeetingCancelled, models.PushAgreementAdded:
		limit = eventTTL
	case models.PushEmployerAgreement:
		limit = eventTTL
	}
	if d.RefAt != nil && d.RefAt.Sub(now) < limit {
		limit = d.RefAt.Sub(now)
	}
	return max(limit, minTTL)
}
