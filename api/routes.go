package api

import (
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/compress"
	"github.com/gofiber/fiber/v2/middleware/etag"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"trappen/models"
)

func models404() error { return models.ErrNotFound }

// routes lists every route of Trappen in one place.
func (h *handler) routes(app *fiber.App) {
	app.Use(recover.New(), h.requestLog, h.securityHeaders, limitBody, compress.New(), etag.New())

	app.Get("/healthz", h.healthz)
	app.Get("/readyz", h.readyz)
	app.Get("/i18n/:lang", h.catalog)

	v1 := app.Group("/api/v1")
	v1.Post("/auth/login", h.login)
	v1.Post("/auth/refresh", h.refresh)
	v1.Post("/auth/logout", h.logout)
	v1.Post("/auth/activate", h.activate)

	authed := v1.Group("", h.authenticate)
	authed.Get("/me", h.me)

	cw := authed.Group("/citizens", requireRole(models.RoleCaseworker))
	cw.Post("", h.createCitizen)
	cw.Get("", h.listCitizens)
	cw.Get("/:id", h.getCitizen)
	cw.Post("/:id/invite", h.reissueInvite)

	citizen := authed.Group("/me", requireRole(models.RoleCitizen))
	_ = citizen

	// --- Issue 3: the citizen's journey (goals, check-ins, plan, meetings, progression, export).

	// --- Issue 4: fast track, push subscriptions, notification settings, calendar feed.

	// --- Issue 5: the caseworker's workspace (caseload, snooze, reassign, audit log).

	// Unknown API paths answer in the contract's error format, not with the app.
	v1.All("/*", func(*fiber.Ctx) error { return models404() })

	app.Get("/*", h.servePWA)
}
