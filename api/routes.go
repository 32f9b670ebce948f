package api

import (
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/compress"
	"github.com/gofiber/fiber/v2/middleware/etag"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"trappen/models"
)

func models404() error { return models.ErrNotFound }

// routes lists every route of Trappen in one place, grouped by resource.
//
// Fiber runs middleware in the order it was registered, so the order of the
// three blocks matters: routes without a bearer token come before the
// authenticated group is made, and the routes any signed-in user has under
// /me come before the citizen group (which requires the citizen role on
// /me) is made. Within the resource groups the order is free.
func (h *handler) routes(app *fiber.App) {
	app.Use(recover.New(), h.requestLog, h.securityHeaders, h.admit, limitBody,
		// API answers are small JSON: the fastest level compresses them
		// nearly as well at a fraction of the CPU (issue 13). The app's own
		// files are fetched once per version, and every byte of the first
		// visit counts on a phone: they keep the default level.
		compress.New(compress.Config{Level: compress.LevelBestSpeed, Next: func(c *fiber.Ctx) bool { return !isAPI(c) }}),
		compress.New(compress.Config{Next: isAPI}),
		// An ETag only helps what a browser may keep; /api/ answers are
		// no-store (but for the OpenAPI document), so hashing their bodies
		// would be work for nothing.
		etag.New(etag.Config{Next: func(c *fiber.Ctx) bool { return isAPI(c) && c.Path() != openAPIPathname }}))

	// Health: liveness, readiness (the database answers) and the i18n catalog.
	app.Get("/healthz", h.healthz)
	app.Get("/readyz", h.readyz)
	app.Get("/i18n/:lang", h.catalog)

	v1 := app.Group("/api/v1")

	// Auth: sign in, refresh, sign out and activate an invite (no bearer token).
	v1.Post("/auth/login", h.passwordLogin, h.login)
	v1.Post("/auth/refresh", h.sameSiteOnly, h.refresh)
	v1.Post("/auth/logout", h.sameSiteOnly, h.logout)
	v1.Post("/auth/activate", h.passwordLogin, h.activate)
	// Signing in with an identity provider (OpenID Connect): no bearer token.
	v1.Get("/auth/methods", h.authMethods)
	v1.Get("/auth/oidc/:audience/start", h.oidcStart)
	v1.Get("/auth/oidc/:audience/callback", h.oidcCallback)
	v1.Get("/auth/oidc/:audience/logout", h.oidcLogout)
	// Public push key and calendar feed: no bearer token (the feed authenticates with its own token).
	v1.Get("/push/public-key", h.pushPublicKey)
	v1.Get("/me/calendar.ics", h.calendarFeed)
	// Who runs the service and how long data is kept: the footer's pages.
	v1.Get("/service-info", h.serviceInfo)
	// This API described as OpenAPI 3.1 (openapi_routes.go).
	v1.Get("/openapi.json", h.openAPI)

	authed := v1.Group("", h.authenticate)

	// Me: any signed-in user's profile, language and password.
	authed.Get("/me", h.me)
	authed.Patch("/me", h.updateMe)
	authed.Put("/me/password", h.changePassword)
	// Is a goal being typed vague? The rule's one home is models.IsVagueGoal.
	authed.Get("/goal-check", h.goalCheck)

	// Push and reminders: the citizen's and the employer's own devices,
	// pause and quiet hours (the public key is above). Registered before the
	// citizen group, which would refuse an employer; on a closed case the
	// citizen may still change them (nothing is sent while closed).
	pushers := requireRoles("/api/v1/me", models.RoleCitizen, models.RoleEmployer)
	authed.Get("/me/push-subscriptions", pushers, h.listPushSubscriptions)
	authed.Post("/me/push-subscriptions", pushers, h.savePushSubscription)
	authed.Delete("/me/push-subscriptions", pushers, h.deletePushSubscription)
	authed.Get("/me/notification-settings", pushers, h.notificationSettings)
	authed.Put("/me/notification-settings", pushers, h.putNotificationSettings)

	// auditCitizenData logs every answer that carries a citizen's data, reads
	// and writes, for every route under /citizens, present and future.
	// refuseClosedCase refuses every write to a closed case, for every route
	// in these groups, present and future.
	cw := authed.Group("/citizens", requireRole(models.RoleCaseworker, "/api/v1/citizens"), h.auditCitizenData,
		h.refuseClosedCase("/api/v1/citizens", closedCaseworkerWrites))
	citizen := authed.Group("/me", requireRole(models.RoleCitizen, "/api/v1/me"),
		h.refuseClosedCase("/api/v1/me", closedCitizenWrites))
	employer := authed.Group("/employees", requireRole(models.RoleEmployer, "/api/v1/employees"),
		h.refuseClosedCase("/api/v1/employees", nil))

	// Citizens: the caseworker's caseload list, registration, one citizen's page and invite.
	cw.Post("", h.createCitizen)
	cw.Get("", h.listCitizens)
	cw.Get("/:id", h.getCitizen)
	cw.Post("/:id/invite", h.reissueInvite)

	// Caseload and caseworkers: snooze a citizen, reassign to a colleague, list colleagues.
	cw.Put("/:id/snooze", h.snoozeCitizen)
	cw.Delete("/:id/snooze", h.unsnoozeCitizen)
	cw.Post("/:id/reassign", h.reassignCitizen)
	authed.Get("/caseworkers", requireRole(models.RoleCaseworker, "/api/v1/caseworkers"), h.listCaseworkers)

	// Home: the citizen's start page, and removing a sign-in code they did not ask for.
	citizen.Get("/home", h.home)
	citizen.Delete("/sign-in-code", h.cancelSignInCode)

	// Goals: the citizen's goals and activities, seen and edited by both.
	cw.Get("/:id/goals", h.listGoals(cwAccess))
	cw.Post("/:id/goals", h.createGoal(cwAccess))
	cw.Patch("/:id/goals/:goal_id", h.updateGoal(cwAccess))
	citizen.Get("/goals", h.listGoals(meAccess))
	citizen.Post("/goals", h.createGoal(meAccess))
	citizen.Patch("/goals/:goal_id", h.updateGoal(meAccess))

	// Check-ins: the citizen's weekly check-ins.
	citizen.Get("/checkins", h.myCheckins)
	citizen.Post("/checkins", h.postCheckin)

	// Plans: the caseworker writes versions, the citizen reads, answers and marks them seen.
	cw.Get("/:id/plan", h.getPlan(cwAccess))
	cw.Put("/:id/plan", h.putCitizenPlan)
	cw.Get("/:id/plan/versions", h.listPlanVersions)
	citizen.Get("/plan", h.getPlan(meAccess))
	citizen.Put("/plan/feedback", h.putPlanFeedback)
	citizen.Post("/plan/seen", h.planSeen)

	// Meetings: booked by the caseworker, replied to and reflected on by the citizen.
	cw.Get("/:id/meetings", h.listMeetings(cwAccess))
	cw.Post("/:id/meetings", h.createMeeting)
	cw.Patch("/:id/meetings/:meeting_id", h.updateMeeting)
	cw.Delete("/:id/meetings/:meeting_id", h.cancelMeeting)
	citizen.Get("/meetings", h.listMeetings(meAccess))
	citizen.Post("/meetings/seen", h.meetingsSeen)
	citizen.Put("/meetings/:meeting_id/reply", h.replyToMeeting)
	citizen.Put("/meetings/:meeting_id/reflection", h.putReflection)

	// Placements: the caseworker's staircase placements.
	cw.Get("/:id/placements", h.listPlacements)
	cw.Post("/:id/placements", h.createPlacement)

	// Progression: goals, hours and placements over time, for both.
	cw.Get("/:id/progression", h.progression(cwAccess))
	citizen.Get("/progression", h.progression(meAccess))

	// Fast track: registered by the caseworker, answered or withdrawn by the citizen.
	cw.Post("/:id/fast-track", h.registerFastTrack)
	cw.Get("/:id/fast-track", h.citizenFastTrack)
	citizen.Get("/fast-track", h.myFastTrack)
	citizen.Post("/fast-track/:ft_id/decision", h.decideFastTrack)
	citizen.Post("/fast-track/:ft_id/withdraw", h.withdrawFastTrack)

	// Calendar: the citizen's feed token (the feed itself is above).
	citizen.Get("/calendar-token", h.calendarTokenStatus)
	citizen.Post("/calendar-token", h.rotateCalendarToken)
	citizen.Delete("/calendar-token", h.revokeCalendarToken)

	// Access log and export: what caseworkers read, and everything stored about the citizen.
	citizen.Get("/access-log", h.getAccessLog)
	citizen.Get("/export", h.export)

	// The case over its whole life: change it, close, reopen, delete.
	cw.Patch("/:id", h.patchCitizen)
	cw.Delete("/:id", h.deleteCase)
	cw.Post("/:id/close", h.closeCase)
	cw.Post("/:id/reopen", h.reopenCase)

	// Timeline: the law's clock, for both, and what each records on it.
	cw.Get("/:id/timeline", h.timeline(cwAccess))
	cw.Post("/:id/timeline/doctor_consultation", h.recordDoctorConsultation(cwAccess))
	cw.Post("/:id/timeline/re_evaluation", h.recordReEvaluation)
	citizen.Get("/timeline", h.timeline(meAccess))
	citizen.Post("/timeline/doctor_consultation", h.recordDoctorConsultation(meAccess))

	// --- Issue 9: the roundtable's agreement, notes for the caseworker.
	cw.Get("/:id/agreements", h.listAgreements(cwAccess))
	cw.Post("/:id/agreements", h.createAgreement)
	cw.Patch("/:id/agreements/:agreement_id", h.updateAgreement)
	cw.Get("/:id/checkins", h.citizenCheckins)
	citizen.Get("/agreements", h.listAgreements(meAccess))
	citizen.Patch("/agreements/:agreement_id", h.updateOwnAgreement)
	citizen.Get("/caseworker", h.myCaseworker)

	// Employer at the table: the caseworker invites and ends contacts, the
	// citizen chooses what is shared, the employer reads and acts on that.
	cw.Post("/:id/employer-contacts", h.createEmployerContact)
	cw.Get("/:id/employer-contacts", h.listEmployerContacts)
	cw.Delete("/:id/employer-contacts/:contact_id", h.deleteEmployerContact)
	citizen.Get("/employer-sharing", h.employerSharing)
	citizen.Put("/employer-sharing", h.putEmployerSharing)
	employer.Get("", h.listEmployees)
	employer.Get("/:id", h.getEmployee)
	employer.Post("/:id/fast-track", h.employerFastTrack)
	employer.Post("/:id/placements", h.employerPlacement)
	employer.Patch("/:id/agreements/:agreement_id", h.employerAgreement)

	// Unknown API paths answer in the contract's error format, not with the app.
	v1.All("/*", func(*fiber.Ctx) error { return models404() })

	// PWA: everything else is the web app.
	app.Get("/*", h.servePWA)
}
