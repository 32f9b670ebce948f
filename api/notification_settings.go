package api

import (
	"bytes"
	"encoding/json"

	"github.com/gofiber/fiber/v2"

	"trappen/models"
)

// notificationSettings: GET /me/notification-settings.
func (h *handler) notificationSettings(c *fiber.Ctx) error {
	n, err := h.Outbox.NotificationSettingsFor(c.UserContext(), userID(c))
	if err != nil {
		return err
	}
	return c.JSON(n.View())
}

// putNotificationSettings: PUT /me/notification-settings. A field left out
// keeps its value; null switches it off.
func (h *handler) putNotificationSettings(c *fiber.Ctx) error {
	change, err := decodeSettingsChange(c)
	if err != nil {
		return err
	}
	n, err := h.Outbox.UpdateNotificationSettings(c.UserContext(), userID(c), change, h.now())
	if err != nil {
		return err
	}
	return c.JSON(n.View())
}

func isNull(raw json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(raw), []byte("null")) }

func decodeSettingsChange(c *fiber.Ctx) (models.SettingsChange, error) {
	var raw map[string]json.RawMessage
	var ch models.SettingsChange
	if err := decodeJSON(c, &raw); err != nil {
		return ch, err
	}
	var v models.Validation
	if q, ok := raw["quiet_hours"]; ok {
		ch.QuietSet = true
		if !isNull(q) {
			var qh struct {
				Start *string `json:"start"`
				End   *string `json:"end"`
			}
			if err := json.Unmarshal(q, &qh); err != nil {
				v.Add("quiet_hours", "wrong_type")
			} else {
				requireField(&v, "quiet_hours.start", qh.Start)
				requireField(&v, "quiet_hours.end", qh.End)
				ch.QuietStart, ch.QuietEnd = qh.Start, qh.End
			}
		}
	}
	if p, ok := raw["paused_until"]; ok {
		ch.PausedSet = true
		if !isNull(p) {
			var s string
			if err := json.Unmarshal(p, &s); err != nil {
				v.Add("paused_until", "wrong_type")
			}
			ch.PausedUntil = &s
		}
	}
	return ch, v.Err()
}

func requireField(v *models.Validation, field string, s *string) {
	if s == nil {
		v.Add(field, "required")
	}
}
