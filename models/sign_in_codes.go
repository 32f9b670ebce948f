package models

import "time"

// A caseworker holds every code they make, so a code re-issued for an
// account that is already active (the citizen forgot their password) must
// not let the caseworker take the account over unseen. Such a code:
//   - is announced to the citizen: an access-log entry naming the
//     caseworker, a push message, and a notice on I dag with a way to
//     remove it;
//   - works only after ResetWaitingPeriod, so the citizen has time to see it;
//   - stops working for good as soon as the citizen signs in or uses a
//     session after it was made (whoever still has the password needs no
//     reset); the old password keeps working meanwhile;
//   - when used, hides the citizen's private (unshared) reflections from the
//     new password holder: they stay stored but sealed.

// ResetWaitingPeriod is how long a code re-issued for an active account
// waits before it can set a new password.
const ResetWaitingPeriod = 72 * time.Hour

// PendingSignInCode is a re-issued code for the citizen's active account,
// shown on I dag until it is used, removed or expires.
type PendingSignInCode struct {
	IssuedAt       time.Time `json:"issued_at"`
	UsableFrom     time.Time `json:"usable_from"`
	ExpiresAt      time.Time `json:"expires_at"`
	CaseworkerName string    `json:"caseworker_name"`
}
