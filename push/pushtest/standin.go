// Package pushtest is a push service stand-in for tests: a real HTTP server
// on loopback that checks each request the way a browser vendor's service
// would (VAPID JWT, TTL, aes128gcm) and decrypts the payload with the
// device's private key (RFC 8291), so tests assert on what a phone would show.
package pushtest

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Received is one message the stand-in accepted (or answered with an error
// status it was told to give).
type Received struct {
	Device  string
	Status  int
	TTL     int
	Urgency string
	Topic   string
	Payload map[string]any
	Raw     []byte
}

// Service is the running stand-in.
type Service struct {
	origin string
	srv    *http.Server

	mu        sync.Mutex
	vapidKey  string
	devices   map[string]*Device
	received  []Received
	failures  []string
	responses map[string][]int
}

// Device is one browser's subscription with its private key.
type Device struct {
	ID       string
	Endpoint string
	P256dh   string // base64url
	Auth     string // base64url
	priv     *ecdh.PrivateKey
	auth     []byte
}

// New starts a stand-in on 127.0.0.1 that expects VAPID key vapidPublicKey
// (base64url); it stops when the test ends.
func New(tb testing.TB, vapidPublicKey string) *Service {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	s := &Service{origin: "http://" + ln.Addr().String(), vapidKey: vapidPublicKey,
		devices: map[string]*Device{}, responses: map[string][]int{}}
	s.srv = &http.Server{Handler: http.HandlerFunc(s.handle), ReadHeaderTimeout: 5 * time.Second}
	go s.srv.Serve(ln)
	tb.Cleanup(func() { s.srv.Close() })
	return s
}

// Origin is the stand-in's scheme://host:port (the allow-list prefix).
func (s *Service) Origin() string { return s.origin }

// NewDevice makes a subscription as a browser would.
func (s *Service) NewDevice(tb testing.TB) *Device {
	tb.Helper()
	priv, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	auth := make([]byte, 16)
	rand.Read(auth)
	id := base64.RawURLEncoding.EncodeToString(auth[:9])
	d := &Device{ID: id, Endpoint: s.origin + "/push/" + id, priv: priv, auth: auth,
		P256dh: base64.RawURLEncoding.EncodeToString(priv.PublicKey().Bytes()),
		Auth:   base64.RawURLEncoding.EncodeToString(auth)}
	s.mu.Lock()
	s.devices[id] = d
	s.mu.Unlock()
	return d
}

// Hangup, queued with RespondWith, closes the connection without an answer,
// as a push service that fails mid-request does.
const Hangup = -1

// RespondWith queues statuses the device's endpoint answers with, one per
// request, before it goes back to 201.
func (s *Service) RespondWith(d *Device, statuses ...int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.responses[d.ID] = append(s.responses[d.ID], statuses...)
}

// Received returns every message so far.
func (s *Service) Received() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.received...)
}

// Delivered returns the messages answered with 201.
func (s *Service) Delivered() []Received {
	var out []Received
	for _, r := range s.Received() {
		if r.Status == http.StatusCreated {
			out = append(out, r)
		}
	}
	return out
}

// Reset forgets received messages.
func (s *Service) Reset() {
	s.mu.Lock()
	s.received = nil
	s.mu.Unlock()
}

// Failures lists the requests the stand-in refused as malformed.
func (s *Service) Failures() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.failures...)
}

func (s *Service) handle(w http.ResponseWriter, r *http.Request) {
	id, ok := strings.CutPrefix(r.URL.Path, "/push/")
	s.mu.Lock()
	d := s.devices[id]
	s.mu.Unlock()
	if !ok || d == nil || r.Method != http.MethodPost {
		http.NotFound(w, r)
		return
	}
	rec, err := s.check(r, d)
	if err != nil {
		s.mu.Lock()
		s.failures = append(s.failures, err.Error())
		s.mu.Unlock()
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	rec.Status = s.nextStatus(d)
	if rec.Status == Hangup {
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			conn.Close()
		}
		return
	}
	s.mu.Lock()
	s.received = append(s.received, rec)
	s.mu.Unlock()
	w.WriteHeader(rec.Status)
}

func (s *Service) nextStatus(d *Device) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.responses[d.ID]
	if len(q) == 0 {
		return http.StatusCreated
	}
	s.responses[d.ID] = q[1:]
	return q[0]
}

// check validates the request as a push service does and decrypts it.
func (s *Service) check(r *http.Request, d *Device) (Received, error) {
	rec := Received{Device: d.ID, Urgency: r.Header.Get("Urgency"), Topic: r.Header.Get("Topic")}
	ttl, err := strconv.Atoi(r.Header.Get("TTL"))
	if err != nil || ttl <= 0 {
		return rec, fmt.Errorf("TTL %q is not a positive integer", r.Header.Get("TTL"))
	}
	rec.TTL = ttl
	if r.Header.Get("Content-Encoding") != "aes128gcm" {
		return rec, fmt.Errorf("content-encoding %q", r.Header.Get("Content-Encoding"))
	}
	if len(rec.Topic) > 32 {
		return rec, fmt.Errorf("topic longer than 32 characters")
	}
	if err := s.checkVAPID(r.Header.Get("Authorization")); err != nil {
		return rec, err
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 8192))
	if err != nil {
		return rec, err
	}
	plain, err := Decrypt(body, d.priv, d.auth)
	if err != nil {
		return rec, err
	}
	rec.Raw = plain
	if err := json.Unmarshal(plain, &rec.Payload); err != nil {
		return rec, fmt.Errorf("payload is not JSON: %v", err)
	}
	return rec, nil
}

// checkVAPID verifies "vapid t=<JWT>, k=<key>" (RFC 8292): ES256 signed by
// k, k the expected key, aud this origin, exp in the next 24 hours.
func (s *Service) checkVAPID(header string) error {
	rest, ok := strings.CutPrefix(header, "vapid ")
	if !ok {
		return fmt.Errorf("authorization is not vapid")
	}
	var token, key string
	for _, part := range strings.Split(rest, ",") {
		part = strings.TrimSpace(part)
		if v, ok := strings.CutPrefix(part, "t="); ok {
			token = v
		} else if v, ok := strings.CutPrefix(part, "k="); ok {
			key = v
		}
	}
	if key != s.vapidKey {
		return fmt.Errorf("k is not the server's VAPID key")
	}
	claims, err := verifyES256(token, key)
	if err != nil {
		return err
	}
	if claims.Aud != s.origin {
		return fmt.Errorf("aud %q, want %q", claims.Aud, s.origin)
	}
	now := time.Now().Unix()
	if claims.Exp <= now || claims.Exp > now+24*3600 {
		return fmt.Errorf("exp not within 24 hours")
	}
	if claims.Sub == "" || strings.HasPrefix(claims.Sub, "mailto:mailto:") {
		return fmt.Errorf("bad sub %q", claims.Sub)
	}
	return nil
}

type vapidClaims struct {
	Aud string `json:"aud"`
	Exp int64  `json:"exp"`
	Sub string `json:"sub"`
}

func verifyES256(token, key string) (*vapidClaims, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, fmt.Errorf("JWT has %d parts", len(parts))
	}
	head, err1 := base64.RawURLEncoding.DecodeString(parts[0])
	payload, err2 := base64.RawURLEncoding.DecodeString(parts[1])
	sig, err3 := base64.RawURLEncoding.DecodeString(parts[2])
	pub, err4 := base64.RawURLEncoding.DecodeString(key)
	if err1 != nil || err2 != nil || err3 != nil || err4 != nil || len(sig) != 64 {
		return nil, fmt.Errorf("JWT or key is not base64url")
	}
	var h struct {
		Alg string `json:"alg"`
	}
	if json.Unmarshal(head, &h) != nil || h.Alg != "ES256" {
		return nil, fmt.Errorf("JWT alg is not ES256")
	}
	pk, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), pub)
	if err != nil {
		return nil, fmt.Errorf("k is not a P-256 point: %v", err)
	}
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	r, sv := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
	if !ecdsa.Verify(pk, digest[:], r, sv) {
		return nil, fmt.Errorf("JWT signature does not verify")
	}
	var c vapidClaims
	if err := json.Unmarshal(payload, &c); err != nil {
		return nil, err
	}
	return &c, nil
}

// recordSize is the largest record a stand-in accepts: bigger ones are what
// Firefox on Android refuses.
const recordSize = 2048

// Decrypt opens an aes128gcm body (RFC 8188) encrypted for the device
// (RFC 8291) and strips the padding.
func Decrypt(body []byte, priv *ecdh.PrivateKey, authSecret []byte) ([]byte, error) {
	if len(body) < 21 {
		return nil, fmt.Errorf("body too short")
	}
	salt, rs, idlen := body[:16], int(body[16])<<24|int(body[17])<<16|int(body[18])<<8|int(body[19]), int(body[20])
	if rs > recordSize || len(body) < 21+idlen {
		return nil, fmt.Errorf("record size %d", rs)
	}
	keyID, ciphertext := body[21:21+idlen], body[21+idlen:]
	if len(ciphertext) > rs {
		return nil, fmt.Errorf("more than one record")
	}
	sender, err := ecdh.P256().NewPublicKey(keyID)
	if err != nil {
		return nil, fmt.Errorf("keyid is not a P-256 point")
	}
	plain, err := open(ciphertext, priv, sender, authSecret, salt)
	if err != nil {
		return nil, err
	}
	plain = bytes.TrimRight(plain, "\x00")
	if len(plain) == 0 || plain[len(plain)-1] != 2 {
		return nil, fmt.Errorf("last record delimiter missing")
	}
	return plain[:len(plain)-1], nil
}
