package api

import (
	"github.com/gofiber/fiber/v2"

	"trappen/models"
)

type pushSubscriptionRequest struct {
	Endpoint string `json:"endpoint"`
	Keys     struct {
		P256dh string `json:"p256dh"`
		Auth   string `json:"auth"`
	} `json:"keys"`
}

type endpointRequest struct {
	Endpoint string `json:"endpoint"`
}

var errPushUnavailable = newHTTPError(fiber.StatusServiceUnavailable, "unavailable")

// pushPublicKey: GET /push/public-key, for PushManager.subscribe.
func (h *handler) pushPublicKey(c *fiber.Ctx) error {
	if h.Push == nil || h.Push.PublicKey == "" {
		return errPushUnavailable
	}
	return c.JSON(fiber.Map{"key": h.Push.PublicKey})
}

func (h *handler) pushAllowlist() []string {
	if h.Push == nil {
		return nil
	}
	return h.Push.Allowlist
}

// savePushSubscription: POST /me/push-subscriptions (upsert by endpoint).
func (h *handler) savePushSubscription(c *fiber.Ctx) error {
	var req pushSubscriptionRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	in := models.NewPushSubscription{Endpoint: req.Endpoint, P256dh: req.Keys.P256dh, Auth: req.Keys.Auth}
	sub, err := h.Outbox.SavePushSubscription(c.UserContext(), userID(c), in, h.pushAllowlist(), h.now())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(models.PushSubscriptionView{Endpoint: sub.Endpoint,
		CreatedAt: sub.CreatedAt.UTC(), UpdatedAt: sub.UpdatedAt.UTC()})
}

// deletePushSubscription: DELETE /me/push-subscriptions {endpoint}.
func (h *handler) deletePushSubscription(c *fiber.Ctx) error {
	var req endpointRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Endpoint == "" {
		return models.Invalid("endpoint", "required")
	}
	if err := h.Outbox.DeletePushSubscription(c.UserContext(), userID(c), req.Endpoint); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// listPushSubscriptions: GET /me/push-subscriptions, so the PWA can show
// whether this device is on.
func (h *handler) listPushSubscriptions(c *fiber.Ctx) error {
	list, err := h.Outbox.PushSubscriptionViews(c.UserContext(), userID(c))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": list})
}
