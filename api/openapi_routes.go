package api

import (
	"encoding/json"

	"trappen/models"
)

// notificationSettingsRequest documents the body of PUT
// /me/notification-settings, which the handler reads key by key (a key left
// out is left unchanged, null clears it).
type notificationSettingsRequest struct {
	QuietHours  json.RawMessage `json:"quiet_hours"`
	PausedUntil json.RawMessage `json:"paused_until"`
}

const (
	cw  = models.RoleCaseworker
	ctz = models.RoleCitizen
	emp = models.RoleEmployer
	// ctzEmp: a citizen or an employer (their own devices and reminders).
	ctzEmp = ctz + "," + emp
)

// apiOps is every route of routes.go, in its order. A route added there
// without an entry here fails TestOpenAPIMatchesRoutes, which names the line to add.
var apiOps = []apiOp{
	// Health and the i18n catalog.
	{method: "GET", path: "/healthz", summary: "Liveness: the process answers", ok: 200},
	{method: "GET", path: "/readyz", summary: "Readiness: the database answers and takes writes", ok: 200, errs: []int{503}},
	{method: "GET", path: "/i18n/:lang", summary: "The message catalog for a language (da, en)", ok: 200, errs: []int{404}},
	{method: "GET", path: "/api/v1/openapi.json", summary: "This document", ok: 200},

	// Auth.
	{method: "POST", path: "/api/v1/auth/login", summary: "Sign in with email and password; sets the refresh cookie", body: loginRequest{}, ok: 200, errs: []int{401, 403, 429}},
	{method: "POST", path: "/api/v1/auth/refresh", summary: "A new access token from the refresh cookie", ok: 200, errs: []int{401, 403}},
	{method: "POST", path: "/api/v1/auth/logout", summary: "Sign out: revoke the refresh cookie's session", ok: 204, errs: []int{403}},
	{method: "POST", path: "/api/v1/auth/activate", summary: "Activate an invite with a new password", body: activateRequest{}, ok: 200, errs: []int{401, 429}},
	{method: "GET", path: "/api/v1/auth/methods", summary: "Which ways of signing in are offered", ok: 200},
	{method: "GET", path: "/api/v1/auth/oidc/:audience/start", summary: "Start signing in at the identity provider", ok: 302},
	{method: "GET", path: "/api/v1/auth/oidc/:audience/callback", summary: "The identity provider returns here", ok: 302},
	{method: "GET", path: "/api/v1/auth/oidc/:audience/logout", summary: "Sign out, at the identity provider too", ok: 302},
	{method: "GET", path: "/api/v1/push/public-key", summary: "The VAPID public key for push subscriptions", ok: 200},
	{method: "GET", path: "/api/v1/me/calendar.ics", summary: "The citizen's meetings as a calendar feed (the token query parameter is the credential)", ok: 200, okType: "text/calendar", errs: []int{404}},
	{method: "GET", path: "/api/v1/service-info", summary: "Who runs the service and how long data is kept", ok: 200},

	// Me: any signed-in user.
	{method: "GET", path: "/api/v1/me", summary: "The signed-in user's profile", role: roleAny, ok: 200},
	{method: "PATCH", path: "/api/v1/me", summary: "Change language, phone or contact hours", role: roleAny, body: meRequest{}, ok: 200},
	{method: "PUT", path: "/api/v1/me/password", summary: "Change password", role: roleAny, body: passwordRequest{}, ok: 204, errs: []int{429}},
	{method: "GET", path: "/api/v1/goal-check", summary: "Is a goal being typed vague? (query parameter title)", role: roleAny, ok: 200},

	// Citizens (caseworker).
	{method: "POST", path: "/api/v1/citizens", summary: "Register a citizen and make an invite", role: cw, body: createCitizenRequest{}, ok: 201, errs: []int{409}},
	{method: "GET", path: "/api/v1/citizens", summary: "The caseworker's caseload", role: cw, ok: 200},
	{method: "GET", path: "/api/v1/citizens/:id", summary: "One citizen's page", role: cw, ok: 200},
	{method: "POST", path: "/api/v1/citizens/:id/invite", summary: "Make a new invite code", role: cw, ok: 201, errs: []int{409}},
	{method: "PUT", path: "/api/v1/citizens/:id/snooze", summary: "Snooze a citizen in the caseload", role: cw, body: snoozeRequest{}, ok: 200},
	{method: "DELETE", path: "/api/v1/citizens/:id/snooze", summary: "End a snooze", role: cw, ok: 204},
	{method: "POST", path: "/api/v1/citizens/:id/reassign", summary: "Hand the citizen to a colleague", role: cw, body: reassignRequest{}, ok: 200},
	{method: "GET", path: "/api/v1/caseworkers", summary: "The caseworker's colleagues", role: cw, ok: 200},

	// Home.
	{method: "GET", path: "/api/v1/me/home", summary: "The citizen's start page", role: ctz, ok: 200},
	{method: "DELETE", path: "/api/v1/me/sign-in-code", summary: "Remove a sign-in code the citizen did not ask for", role: ctz, ok: 204},

	// Goals.
	{method: "GET", path: "/api/v1/citizens/:id/goals", summary: "A citizen's goals and activities", role: cw, ok: 200},
	{method: "POST", path: "/api/v1/citizens/:id/goals", summary: "Add a goal for a citizen", role: cw, body: goalRequest{}, ok: 201, errs: []int{409}},
	{method: "PATCH", path: "/api/v1/citizens/:id/goals/:goal_id", summary: "Change a citizen's goal", role: cw, body: goalPatchRequest{}, ok: 200, errs: []int{409}},
	{method: "GET", path: "/api/v1/me/goals", summary: "The citizen's own goals", role: ctz, ok: 200},
	{method: "POST", path: "/api/v1/me/goals", summary: "Add an own goal", role: ctz, body: goalRequest{}, ok: 201, errs: []int{409}},
	{method: "PATCH", path: "/api/v1/me/goals/:goal_id", summary: "Change an own goal", role: ctz, body: goalPatchRequest{}, ok: 200, errs: []int{409}},

	// Check-ins.
	{method: "GET", path: "/api/v1/me/checkins", summary: "The citizen's check-ins", role: ctz, ok: 200},
	{method: "POST", path: "/api/v1/me/checkins", summary: "Record a check-in (idempotent on id: 200 when already recorded)", role: ctz, body: checkinRequest{}, ok: 201, errs: []int{409}},

	// Plans.
	{method: "GET", path: "/api/v1/citizens/:id/plan", summary: "A citizen's current plan", role: cw, ok: 200},
	{method: "PUT", path: "/api/v1/citizens/:id/plan", summary: "Write a new plan version", role: cw, body: planRequest{}, ok: 200, errs: []int{409}},
	{method: "GET", path: "/api/v1/citizens/:id/plan/versions", summary: "Every version of the plan", role: cw, ok: 200},
	{method: "GET", path: "/api/v1/me/plan", summary: "The citizen's current plan", role: ctz, ok: 200},
	{method: "PUT", path: "/api/v1/me/plan/feedback", summary: "Answer the plan", role: ctz, body: feedbackRequest{}, ok: 200, errs: []int{409}},
	{method: "POST", path: "/api/v1/me/plan/seen", summary: "Mark the plan seen", role: ctz, ok: 204},

	// Meetings.
	{method: "GET", path: "/api/v1/citizens/:id/meetings", summary: "A citizen's meetings", role: cw, ok: 200},
	{method: "POST", path: "/api/v1/citizens/:id/meetings", summary: "Book a meeting", role: cw, body: meetingRequest{}, ok: 201, errs: []int{409}},
	{method: "PATCH", path: "/api/v1/citizens/:id/meetings/:meeting_id", summary: "Change a meeting", role: cw, body: meetingPatchRequest{}, ok: 200, errs: []int{409}},
	{method: "DELETE", path: "/api/v1/citizens/:id/meetings/:meeting_id", summary: "Cancel a meeting", role: cw, ok: 204, errs: []int{409}},
	{method: "GET", path: "/api/v1/me/meetings", summary: "The citizen's meetings", role: ctz, ok: 200},
	{method: "POST", path: "/api/v1/me/meetings/seen", summary: "Mark meetings seen", role: ctz, ok: 204},
	{method: "PUT", path: "/api/v1/me/meetings/:meeting_id/reply", summary: "Accept or ask to move a meeting", role: ctz, body: replyRequest{}, ok: 200, errs: []int{409}},
	{method: "PUT", path: "/api/v1/me/meetings/:meeting_id/reflection", summary: "Write a reflection before a meeting", role: ctz, body: reflectionRequest{}, ok: 200, errs: []int{409}},

	// Placements.
	{method: "GET", path: "/api/v1/citizens/:id/placements", summary: "A citizen's staircase placements", role: cw, ok: 200},
	{method: "POST", path: "/api/v1/citizens/:id/placements", summary: "Place a citizen on the staircase", role: cw, body: placementRequest{}, ok: 201, errs: []int{409}},

	// Progression.
	{method: "GET", path: "/api/v1/citizens/:id/progression", summary: "Goals, hours and placements over time", role: cw, ok: 200},
	{method: "GET", path: "/api/v1/me/progression", summary: "The citizen's progression", role: ctz, ok: 200},

	// Fast track.
	{method: "POST", path: "/api/v1/citizens/:id/fast-track", summary: "Register a fast-track request", role: cw, body: fastTrackRequest{}, ok: 201, errs: []int{409}},
	{method: "GET", path: "/api/v1/citizens/:id/fast-track", summary: "A citizen's fast-track state", role: cw, ok: 200},
	{method: "GET", path: "/api/v1/me/fast-track", summary: "The citizen's fast-track state", role: ctz, ok: 200},
	{method: "POST", path: "/api/v1/me/fast-track/:ft_id/decision", summary: "Consent to or decline fast track", role: ctz, body: decisionRequest{}, ok: 200, errs: []int{409}},
	{method: "POST", path: "/api/v1/me/fast-track/:ft_id/withdraw", summary: "Withdraw a consent", role: ctz, ok: 200, errs: []int{409}},

	// Push.
	{method: "GET", path: "/api/v1/me/push-subscriptions", summary: "The signed-in citizen's or employer's push subscriptions", role: ctzEmp, ok: 200},
	{method: "POST", path: "/api/v1/me/push-subscriptions", summary: "Save a push subscription", role: ctzEmp, body: pushSubscriptionRequest{}, ok: 201},
	{method: "DELETE", path: "/api/v1/me/push-subscriptions", summary: "Remove a push subscription", role: ctzEmp, body: endpointRequest{}, ok: 204},

	// Notification settings.
	{method: "GET", path: "/api/v1/me/notification-settings", summary: "Pause and quiet hours", role: ctzEmp, ok: 200},
	{method: "PUT", path: "/api/v1/me/notification-settings", summary: "Change pause or quiet hours (a key left out is unchanged, null clears it)", role: ctzEmp, body: notificationSettingsRequest{}, ok: 200},

	// Calendar.
	{method: "GET", path: "/api/v1/me/calendar-token", summary: "Is the calendar feed on?", role: ctz, ok: 200},
	{method: "POST", path: "/api/v1/me/calendar-token", summary: "Make a new feed token (the old one stops working)", role: ctz, ok: 201},
	{method: "DELETE", path: "/api/v1/me/calendar-token", summary: "Switch the feed off", role: ctz, ok: 204},

	// Access log and export.
	{method: "GET", path: "/api/v1/me/access-log", summary: "What caseworkers read about the citizen", role: ctz, ok: 200},
	{method: "GET", path: "/api/v1/me/export", summary: "Everything stored about the citizen", role: ctz, ok: 200},

	// The case over its life.
	{method: "PATCH", path: "/api/v1/citizens/:id", summary: "Change the case's facts", role: cw, body: casePatchRequest{}, ok: 200, errs: []int{409}},
	{method: "DELETE", path: "/api/v1/citizens/:id", summary: "Delete a closed case", role: cw, ok: 204, errs: []int{409}},
	{method: "POST", path: "/api/v1/citizens/:id/close", summary: "Close the case", role: cw, body: closeRequest{}, ok: 200, errs: []int{409}},
	{method: "POST", path: "/api/v1/citizens/:id/reopen", summary: "Reopen a closed case", role: cw, ok: 200, errs: []int{409}},

	// Timeline.
	{method: "GET", path: "/api/v1/citizens/:id/timeline", summary: "The law's clock for a case", role: cw, ok: 200},
	{method: "POST", path: "/api/v1/citizens/:id/timeline/doctor_consultation", summary: "Record a doctor's consultation", role: cw, body: doneOnRequest{}, ok: 200, errs: []int{409}},
	{method: "POST", path: "/api/v1/citizens/:id/timeline/re_evaluation", summary: "Record a re-evaluation", role: cw, body: doneOnRequest{}, ok: 200, errs: []int{409}},
	{method: "GET", path: "/api/v1/me/timeline", summary: "The law's clock for the citizen's case", role: ctz, ok: 200},
	{method: "POST", path: "/api/v1/me/timeline/doctor_consultation", summary: "Record an own doctor's consultation", role: ctz, body: doneOnRequest{}, ok: 200, errs: []int{409}},

	// Agreements and contact.
	{method: "GET", path: "/api/v1/citizens/:id/agreements", summary: "The roundtable's agreements", role: cw, ok: 200},
	{method: "POST", path: "/api/v1/citizens/:id/agreements", summary: "Record an agreement", role: cw, body: agreementRequest{}, ok: 201, errs: []int{409}},
	{method: "PATCH", path: "/api/v1/citizens/:id/agreements/:agreement_id", summary: "Change an agreement", role: cw, body: agreementPatchRequest{}, ok: 200, errs: []int{409}},
	{method: "GET", path: "/api/v1/citizens/:id/checkins", summary: "A citizen's check-ins", role: cw, ok: 200},
	{method: "GET", path: "/api/v1/me/agreements", summary: "The citizen's agreements", role: ctz, ok: 200},
	{method: "PATCH", path: "/api/v1/me/agreements/:agreement_id", summary: "Mark an own agreement's status", role: ctz, body: ownAgreementRequest{}, ok: 200, errs: []int{403, 409}},
	{method: "GET", path: "/api/v1/me/caseworker", summary: "How to reach the citizen's caseworker", role: ctz, ok: 200},

	// The employer at the table: the caseworker invites and ends contacts,
	// the citizen chooses what is shared, the employer reads and acts on that.
	{method: "POST", path: "/api/v1/citizens/:id/employer-contacts", summary: "Invite the citizen's employer contact", role: cw, body: models.NewEmployerContact{}, ok: 201, errs: []int{409}},
	{method: "GET", path: "/api/v1/citizens/:id/employer-contacts", summary: "The citizen's employer contacts", role: cw, ok: 200},
	{method: "DELETE", path: "/api/v1/citizens/:id/employer-contacts/:contact_id", summary: "End an employer contact", role: cw, ok: 204, errs: []int{409}},
	{method: "GET", path: "/api/v1/me/employer-sharing", summary: "What the citizen shares with the employer", role: ctz, ok: 200},
	{method: "PUT", path: "/api/v1/me/employer-sharing", summary: "Choose what the employer sees (all four answers at once)", role: ctz, body: models.SharingInput{}, ok: 200, errs: []int{409}},
	{method: "GET", path: "/api/v1/employees", summary: "The employer's employees on sick leave", role: emp, ok: 200},
	{method: "GET", path: "/api/v1/employees/:id", summary: "One employee: what the citizen shares", role: emp, ok: 200},
	{method: "POST", path: "/api/v1/employees/:id/fast-track", summary: "The employer requests fast track", role: emp, body: models.EmployerFastTrack{}, ok: 201, errs: []int{409}},
	{method: "POST", path: "/api/v1/employees/:id/placements", summary: "The employer's placement on the staircase", role: emp, body: models.EmployerPlacementInput{}, ok: 201, errs: []int{409}},
	{method: "PATCH", path: "/api/v1/employees/:id/agreements/:agreement_id", summary: "Mark the status of an agreement the employer owns", role: emp, body: ownAgreementRequest{}, ok: 200, errs: []int{409}},
}
