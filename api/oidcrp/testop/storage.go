package testop

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// storage is the provider's in-memory op.Storage.
type storage struct {
	mu       sync.Mutex
	clients  map[string]*client
	users    map[string]User
	requests map[string]*authRequest
	codes    map[string]string // code → request id
	key      *signingKey
	next     string
	tamper   Tampering
}

var _ op.Storage = (*storage)(nil)

func newStorage() *storage {
	return &storage{clients: map[string]*client{}, users: map[string]User{}, requests: map[string]*authRequest{},
		codes: map[string]string{}, key: newKey()}
}

var errNotFound = errors.New("not found")

// authRequest is one authorization request, approved by the login page.
type authRequest struct {
	id       string
	req      *oidc.AuthRequest
	subject  string
	acr      string
	authTime time.Time
	done     bool
	audience []string
	nonce    string
	// wrongAud: once the token endpoint has checked the client, the tokens
	// are issued to tokenClient instead (zitadel always adds the request's
	// client to aud, so this is how an ID token for another client is made).
	wrongAud    bool
	tokenClient string
}

func (a *authRequest) GetID() string                      { return a.id }
func (a *authRequest) GetACR() string                     { return a.acr }
func (a *authRequest) GetAMR() []string                   { return []string{"pwd"} }
func (a *authRequest) GetAudience() []string              { return a.audience }
func (a *authRequest) GetAuthTime() time.Time             { return a.authTime }
func (a *authRequest) GetNonce() string                   { return a.nonce }
func (a *authRequest) GetRedirectURI() string             { return a.req.RedirectURI }
func (a *authRequest) GetResponseType() oidc.ResponseType { return a.req.ResponseType }
func (a *authRequest) GetResponseMode() oidc.ResponseMode { return a.req.ResponseMode }
func (a *authRequest) GetScopes() []string                { return a.req.Scopes }
func (a *authRequest) GetState() string                   { return a.req.State }
func (a *authRequest) GetSubject() string                 { return a.subject }
func (a *authRequest) Done() bool                         { return a.done }
func (a *authRequest) GetCodeChallenge() *oidc.CodeChallenge {
	if a.req.CodeChallenge == "" {
		return nil
	}
	return &oidc.CodeChallenge{Challenge: a.req.CodeChallenge, Method: a.req.CodeChallengeMethod}
}

func (a *authRequest) GetClientID() string {
	if a.tokenClient != "" {
		return a.tokenClient
	}
	return a.req.ClientID
}

func randomID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func (s *storage) CreateAuthRequest(_ context.Context, req *oidc.AuthRequest, _ string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := &authRequest{id: randomID(), req: req, audience: []string{req.ClientID}, nonce: req.Nonce}
	s.requests[a.id] = a
	return a, nil
}

// approve signs the chosen user in to request id, applying any tampering.
func (s *storage) approve(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.requests[id]
	if !ok {
		return errNotFound
	}
	u, ok := s.users[s.next]
	if !ok {
		return errors.New("no user chosen with SignInAs")
	}
	a.subject, a.acr, a.authTime, a.done = u.Subject, u.ACR, time.Now(), true
	if s.tamper.WrongAudience {
		a.audience, a.wrongAud = []string{"another-client"}, true
	}
	if s.tamper.WrongNonce {
		a.nonce = "not-the-nonce-" + randomID()
	}
	return nil
}

func (s *storage) AuthRequestByID(_ context.Context, id string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a, ok := s.requests[id]; ok {
		return a, nil
	}
	return nil, errNotFound
}

func (s *storage) AuthRequestByCode(ctx context.Context, code string) (op.AuthRequest, error) {
	s.mu.Lock()
	id, ok := s.codes[code]
	s.mu.Unlock()
	if !ok {
		return nil, errNotFound
	}
	return s.AuthRequestByID(ctx, id)
}

func (s *storage) SaveAuthCode(_ context.Context, id, code string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.codes[code] = id
	return nil
}

// DeleteAuthRequest runs once the code has been exchanged: a code works once.
func (s *storage) DeleteAuthRequest(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.requests, id)
	for code, rid := range s.codes {
		if rid == id {
			delete(s.codes, code)
		}
	}
	return nil
}

// CreateAccessToken runs after the token endpoint has checked the client and
// before it creates the ID token.
func (s *storage) CreateAccessToken(_ context.Context, req op.TokenRequest) (string, time.Time, error) {
	if a, ok := req.(*authRequest); ok && a.wrongAud {
		a.tokenClient = "another-client"
	}
	return randomID(), time.Now().Add(5 * time.Minute), nil
}

func (s *storage) CreateAccessAndRefreshTokens(context.Context, op.TokenRequest, string) (string, string, time.Time, error) {
	return "", "", time.Time{}, errors.New("refresh tokens are not offered")
}

func (s *storage) TokenRequestByRefreshToken(context.Context, string) (op.RefreshTokenRequest, error) {
	return nil, op.ErrInvalidRefreshToken
}

func (s *storage) TerminateSession(context.Context, string, string) error { return nil }

func (s *storage) RevokeToken(context.Context, string, string, string) *oidc.Error { return nil }

func (s *storage) GetRefreshTokenInfo(context.Context, string, string) (string, string, error) {
	return "", "", op.ErrInvalidRefreshToken
}

// signingKey is an RSA key with its id.
type signingKey struct {
	id  string
	key *rsa.PrivateKey
}

// newKey is a signing key with an id of its own. The RSA key under it comes
// from rsaKeys, so a test binary that starts dozens of providers generates
// two keys rather than one per provider (about 0.2 s of CPU each).
func newKey() *signingKey {
	return &signingKey{id: randomID(), key: rsaKeys.get(nil)}
}

// newKeyUnlike is a signing key whose RSA key is not old's: a rotated or
// unpublished key must really be another key.
func newKeyUnlike(old *signingKey) *signingKey {
	return &signingKey{id: randomID(), key: rsaKeys.get(old.key)}
}

// rsaKeys holds the RSA keys this process has generated. Providers may share
// one: each has its own issuer and key id, which is what the relying party
// checks first.
var rsaKeys keyPool

type keyPool struct {
	mu   sync.Mutex
	keys []*rsa.PrivateKey
}

// get returns a key other than not, generating one if there is none.
func (p *keyPool) get(not *rsa.PrivateKey) *rsa.PrivateKey {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, k := range p.keys {
		if k != not {
			return k
		}
	}
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	p.keys = append(p.keys, k)
	return k
}

func (k *signingKey) SignatureAlgorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k *signingKey) Key() any                                    { return k.key }
func (k *signingKey) ID() string                                  { return k.id }

// publicKey is the published half of a signing key.
type publicKey struct{ *signingKey }

func (k publicKey) Algorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k publicKey) Use() string                        { return "sig" }
func (k publicKey) Key() any                           { return &k.key.PublicKey }

// SigningKey is the published key, or with UnpublishedKey another key under
// the same id, whose signatures the JWKS cannot verify.
func (s *storage) SigningKey(context.Context) (op.SigningKey, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tamper.UnpublishedKey {
		other := newKeyUnlike(s.key)
		other.id = s.key.id
		return other, nil
	}
	return s.key, nil
}

func (s *storage) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{jose.RS256}, nil
}

func (s *storage) KeySet(context.Context) ([]op.Key, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return []op.Key{publicKey{s.key}}, nil
}

func (s *storage) GetClientByClientID(_ context.Context, id string) (op.Client, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.clients[id]
	if !ok {
		return nil, errNotFound
	}
	cp := *c
	cp.expired = s.tamper.Expired
	return &cp, nil
}

func (s *storage) AuthorizeClientIDSecret(_ context.Context, id, secret string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.clients[id]; ok && c.secret == secret {
		return nil
	}
	return errors.New("wrong client or secret")
}

func (s *storage) SetUserinfoFromScopes(context.Context, *oidc.UserInfo, string, string, []string) error {
	return nil
}

// SetUserinfoFromRequest puts the user's claims in the ID token, as Entra
// ID and MitID brokers do: name, email and groups.
func (s *storage) SetUserinfoFromRequest(_ context.Context, info *oidc.UserInfo, req op.IDTokenRequest, scopes []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.users[req.GetSubject()]
	if !ok {
		return errNotFound
	}
	info.Subject = u.Subject
	for _, sc := range scopes {
		switch sc {
		case oidc.ScopeProfile:
			info.Name = u.Name
		case oidc.ScopeEmail:
			info.Email = u.Email
		}
	}
	if u.Groups != nil {
		info.AppendClaims("groups", u.Groups)
	}
	return nil
}

func (s *storage) SetUserinfoFromToken(context.Context, *oidc.UserInfo, string, string, string) error {
	return errors.New("userinfo is not offered")
}

func (s *storage) SetIntrospectionFromToken(context.Context, *oidc.IntrospectionResponse, string, string, string) error {
	return errors.New("introspection is not offered")
}

func (s *storage) GetPrivateClaimsFromScopes(context.Context, string, string, []string) (map[string]any, error) {
	return nil, nil
}

func (s *storage) GetKeyByIDAndClientID(context.Context, string, string) (*jose.JSONWebKey, error) {
	return nil, errNotFound
}

func (s *storage) ValidateJWTProfileScopes(context.Context, string, []string) ([]string, error) {
	return nil, errors.New("JWT profile is not offered")
}

func (s *storage) Health(context.Context) error { return nil }
