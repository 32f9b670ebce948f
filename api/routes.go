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
	v1.Post("/auth/login", h.passwordLogin, h.login)
	v1.Post("/auth/refresh", h.refresh)
	v1.Post("/auth/logout", h.logout)
	v1.Post("/auth/activate", h.passwordLogin, h.activate)
	// Issue 11: signing in with an identity provider (OpenID Connect).
	v1.Get("/auth/methods", h.authMethods)
	v1.Get("/auth/oidc/:audience/start", h.oidcStart)
	v1.Get("/auth/oidc/:audience/callback", h.oidcCallback)
	v1.Get("/auth/oidc/:audience/logout", h.oidcLogout)
	// Issue 4: no bearer token (the feed authenticates with its own token).
	v1.Get("/push/public-key", h.pushPublicKey)
	v1.Get("/me/calendar.ics", h.calendarFeed)

	authed := v1.Group("", h.authenticate)
	authed.Get("/me", h.me)
	authed.Patch("/me", h.updateMe)
	// Before the citizen group: caseworkers change their password here too.
	authed.Put("/me/password", h.changePassword)

	// auditReads (issue 5) logs every read of a citizen's data, for every
	// route in this group, present and future.
	cw := authed.Group("/citizens", requireRole(models.RoleCaseworker, "/api/v1/citizens"), h.auditReads)
	cw.Post("", h.createCitizen)
	cw.Get("", h.listCitizens)
	cw.Get("/:id", h.getCitizen)
	cw.Post("/:id/invite", h.reissueInvite)

	citizen := authed.Group("/me", requireRole(models.RoleCitizen, "/api/v1/me"))

	// --- Issue 3: the citizen's journey (goals, check-ins, plan, meetings, progression, export).
	cw.Get("/:id/goals", h.listGoals(cwAccess))
	cw.Post("/:id/goals", h.createGoal(cwAccess))
	cw.Patch("/:id/goals/:goal_id", h.updateGoal(cwAccess))
	cw.Get("/:id/plan", h.getPlan(cwAccess))
	cw.Put("/:id/plan", h.putCitizenPlan)
	cw.Get("/:id/plan/versions", h.listPlanVersions)
	cw.Get("/:id/meetings", h.listMeetings(cwAccess))
	cw.Post("/:id/meetings", h.createMeeting)
	cw.Patch("/:id/meetings/:meeting_id", h.updateMeeting)
	cw.Delete("/:id/meetings/:meeting_id", h.cancelMeeting)
	cw.Get("/:id/placements", h.listPlacements)
	cw.Post("/:id/placements", h.createPlacement)
	cw.Get("/:id/progression", h.progression(cwAccess))
	citizen.Get("/home", h.home)
	citizen.Get("/goals", h.listGoals(meAccess))
	citizen.Post("/goals", h.createGoal(meAccess))
	citizen.Patch("/goals/:goal_id", h.updateGoal(meAccess))
	citizen.Get("/checkins", h.myCheckins)
	citizen.Post("/checkins", h.postCheckin)
	citizen.Get("/plan", h.getPlan(meAccess))
	citizen.Put("/plan/feedback", h.putPlanFeedback)
	citizen.Post("/plan/seen", h.planSeen)
	citizen.Get("/meetings", h.listMeetings(meAccess))
	citizen.Post("/meetings/seen", h.meetingsSeen)
	citizen.Put("/meetings/:meeting_id/reply", h.replyToMeeting)
	citizen.Put("/meetings/:meeting_id/reflection", h.putReflection)
	citizen.Get("/progression", h.progression(meAccess))
	citizen.Get("/export", h.export)

	// --- Issue 4: fast track, push subscriptions, notification settings, calendar feed.
	cw.Post("/:id/fast-track", h.registerFastTrack)
	cw.Get("/:id/fast-track", h.citizenFastTrack)
	citizen.Get("/fast-track", h.myFastTrack)
	citizen.Post("/fast-track/:ft_id/decision", h.decideFastTrack)
	citizen.Post("/fast-track/:ft_id/withdraw", h.withdrawFastTrack)
	citizen.Get("/push-subscriptions", h.listPushSubscriptions)
	citizen.Post("/push-subscriptions", h.savePushSubscription)
	citizen.Delete("/push-subscriptions", h.deletePushSubscription)
	citizen.Get("/notification-settings", h.notificationSettings)
	citizen.Put("/notification-settings", h.putNotificationSettings)
	citizen.Get("/calendar-token", h.calendarTokenStatus)
	citizen.Post("/calendar-token", h.rotateCalendarToken)
	citizen.Delete("/calendar-token", h.revokeCalendarToken)

	// --- Issue 5: the caseworker's workspace (caseload, snooze, reassign, audit log).
	cw.Put("/:id/snooze", h.snoozeCitizen)
	cw.Delete("/:id/snooze", h.unsnoozeCitizen)
	cw.Post("/:id/reassign", h.reassignCitizen)
	authed.Get("/caseworkers", requireRole(models.RoleCaseworker, "/api/v1/caseworkers"), h.listCaseworkers)
	citizen.Get("/access-log", h.getAccessLog)

	// Unknown API paths answer in the contract's error format, not with the app.
	v1.All("/*", func(*fiber.Ctx) error { return models404() })

	app.Get("/*", h.servePWA)
}
