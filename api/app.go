// Package api turns HTTP into calls on the models package. Fiber stays inside
// this package so the rest of Trappen does not depend on it.
package api

import (
	"io/fs"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"

	"trappen/api/oidcrp"
	"trappen/models/identity"
	"trappen/models/outbox"
	"trappen/models/sqldb"
	"trappen/models/store"
)

// MaxBodyBytes caps every request body. The server itself reads bodies up
// to readLimit, so a client sending a few megabytes gets the contract's 413
// rather than a reset connection.
const (
	MaxBodyBytes = 1 << 20
	readLimit    = 16 << 20
)

// Deps is everything the HTTP layer needs, wired by the server package.
type Deps struct {
	// DB is the database (health checks); Store the case's data, Identity
	// users and sessions, Outbox push subscriptions and settings. Identity,
	// Outbox and DB default to the ones Store is built with.
	DB       *sqldb.DB
	Store    *store.Store
	Identity *identity.Store
	Outbox   *outbox.Store
	Tokens   *Tokens
	Log      *slog.Logger
	// Now is the clock; tests pass one they control.
	Now func() time.Time
	// PWA is the built web app (pwa/dist).
	PWA fs.FS
	// SecureCookies forces the Secure flag on cookies (behind a TLS proxy).
	SecureCookies bool
	// ProxyHeader names the header holding the client address (e.g.
	// X-Forwarded-For) when a proxy in TrustedProxies sits in front.
	// X-Forwarded-Host and -Proto are believed only from TrustedProxies.
	ProxyHeader    string
	TrustedProxies []string
	// PublicURL is the address users reach (scheme://host[:port], no
	// trailing slash); absolute URLs and the cookies' Secure flag follow it.
	// Empty: both come from the request, as far as it can be trusted.
	PublicURL string
	// Push is optional: the Web Push configuration (VAPID key, allow-list).
	Push *PushConfig
	// Service is who runs this Trappen, shown in every screen's footer.
	Service ServiceInfo
	// PasswordLoginOff turns password sign-in and activation off
	// (TRAPPEN_PASSWORD_LOGIN=false): both answer 404.
	PasswordLoginOff bool
	// OIDC is the relying party of each audience with an identity provider.
	OIDC map[string]*oidcrp.Client
	// MaxInFlight is how many API requests are worked on at once; more wait,
	// and under overload are answered 503 (admission.go). 0: InFlightPerCore
	// per core.
	MaxInFlight int
	// gate replaces the admission gate built from MaxInFlight (tests).
	gate *admission
}

// PushConfig is what the push endpoints need.
type PushConfig struct {
	PublicKey string
	Allowlist []string
}

type handler struct {
	Deps
	// sealer protects the OIDC flow cookie with a key derived from the
	// token key.
	sealer *oidcrp.Sealer
	// admission is the gate in front of the API (admission.go).
	admission *admission
}

// New builds the Fiber app with every route and the one error handler.
func New(d Deps) *fiber.App {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	if d.Store != nil {
		if d.Identity == nil {
			d.Identity = d.Store.Identity
		}
		if d.Outbox == nil {
			d.Outbox = d.Store.Outbox
		}
		if d.DB == nil {
			d.DB = d.Store.SQL
		}
	}
	h := &handler{Deps: d, admission: d.gate}
	if h.admission == nil {
		h.admission = newAdmission(d.MaxInFlight)
	}
	if d.Tokens != nil && len(d.OIDC) > 0 {
		s, err := oidcrp.NewSealer(d.Tokens.key)
		if err != nil {
			panic(err) // NewTokens already requires a 32-byte key
		}
		h.sealer = s
	}
	app := fiber.New(fiber.Config{
		AppName:               "Trappen",
		BodyLimit:             readLimit,
		ErrorHandler:          h.errorHandler,
		DisableStartupMessage: true,
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          30 * time.Second,
		IdleTimeout:           120 * time.Second,
		// Request line and headers up to 16 KiB (fasthttp's default is 4):
		// a long path or a large cookie gets a clear answer instead of a
		// connection reset while the client is still writing.
		ReadBufferSize: 16 * 1024,
		// Only a trusted proxy may name the client address (the login rate
		// limit counts per client), the host or the scheme. With no proxy
		// configured, forwarded headers are ignored.
		ProxyHeader:             d.ProxyHeader,
		EnableTrustedProxyCheck: true,
		TrustedProxies:          d.TrustedProxies,
	})
	h.routes(app)
	return app
}

func (h *handler) now() time.Time { return h.Now().UTC() }
