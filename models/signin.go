package models

// How a user signs in: the rules, without storage.

// Sign-in methods shown on the caseworker's citizen page.
const (
	SignInMitID    = "mitid"
	SignInPassword = "password"
)

// Audiences of OpenID Connect sign-in (the same names as the API's).
const (
	AudienceCitizen    = "citizen"
	AudienceCaseworker = "caseworker"
	AudienceEmployer   = "employer"
)

// Errors of an OpenID Connect sign-in; the API turns their codes into the
// ?error= of the sign-in page.
var (
	// ErrNotRegistered: an unknown identity without a valid invite.
	ErrNotRegistered = NewError(KindUnauthorized, "not_registered")
	// ErrNotAllowed: the identity may not sign in to this audience.
	ErrNotAllowed = NewError(KindForbidden, "not_allowed")
)

// Activated reports whether the user has taken up their access: with a
// password, or by linking an identity at an identity provider.
func (u *User) Activated() bool { return u.PasswordHash != nil || u.OIDCLinkedAt != nil }

// SignInMethod is how the user signs in: "mitid" once an identity is linked,
// else "password" once a password is set; nil before activation.
func (u *User) SignInMethod() *string {
	var m string
	switch {
	case u.OIDCLinkedAt != nil:
		m = SignInMitID
	case u.PasswordHash != nil:
		m = SignInPassword
	default:
		return nil
	}
	return &m
}

// AudienceAllowsRole reports whether an account of role may sign in through
// audience's identity provider. Citizens use the citizen audience; the
// employer audience serves every invited account that is neither a citizen
// nor a caseworker (the role comes from the invited account), and the
// caseworker audience only caseworkers.
func AudienceAllowsRole(audience, role string) bool {
	switch audience {
	case AudienceCitizen:
		return role == RoleCitizen
	case AudienceCaseworker:
		return role == RoleCaseworker
	case AudienceEmployer:
		return role != RoleCaseworker && role != RoleCitizen && role != ""
	}
	return false
}
