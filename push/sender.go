package push

import (
	"context"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	webpush "github.com/SherClockHolmes/webpush-go"
)

// Response is what the push service answered.
type Response struct {
	Status     int
	RetryAfter time.Duration // from a Retry-After header in seconds, if any
}

// Sender posts one message. An error means no answer (network, timeout).
type Sender interface {
	Send(ctx context.Context, m Message) (Response, error)
}

// recordSize keeps records small: the library pads to 4096 by default,
// which Firefox on Android refuses.
const recordSize = 2048

// WebPush sends with VAPID and aes128gcm (RFC 8291/8292) through
// webpush-go, which does the encryption and signs the VAPID header.
type WebPush struct {
	PublicKey  string // base64url, uncompressed P-256 point
	PrivateKey string // base64url, 32 bytes
	Subscriber string // a mailto: address or an https URL
	Client     *http.Client
}

// NewWebPush returns a sender for the key pair (base64url) and subscriber.
// Its HTTP client keeps enough idle connections per push service for conns
// sends at once.
func NewWebPush(publicKey, privateKey, subscriber string, conns int) (*WebPush, error) {
	return &WebPush{PublicKey: publicKey, PrivateKey: privateKey, Subscriber: subscriber,
		Client: newClient(conns)}, nil
}

// newClient is an HTTP client for push services: HTTP/2 where offered (one
// connection carries every stream), otherwise up to conns kept-alive
// HTTP/1.1 connections per service, so a busy worker does not reconnect for
// every message. A send that takes 15 s is given up and retried later.
func newClient(conns int) *http.Client {
	conns = max(conns, 1)
	t := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          4 * conns,
		MaxIdleConnsPerHost:   conns,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   5 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	return &http.Client{Transport: t, Timeout: 15 * time.Second}
}

// subscriber undoes the library's habit of prefixing "mailto:" to anything
// that is not an https URL, so "mailto:x" does not become "mailto:mailto:x".
func (w *WebPush) subscriber() string {
	return strings.TrimPrefix(strings.TrimSpace(w.Subscriber), "mailto:")
}

// Send posts m and reports the status.
func (w *WebPush) Send(ctx context.Context, m Message) (Response, error) {
	sub := &webpush.Subscription{Endpoint: m.Endpoint, Keys: webpush.Keys{P256dh: m.P256dh, Auth: m.Auth}}
	res, err := webpush.SendNotificationWithContext(ctx, m.Payload, sub, &webpush.Options{
		HTTPClient:      w.Client,
		RecordSize:      recordSize,
		Subscriber:      w.subscriber(),
		Topic:           m.Topic,
		TTL:             int(max(m.TTL/time.Second, 1)),
		Urgency:         webpush.Urgency(m.Urgency),
		VAPIDPublicKey:  w.PublicKey,
		VAPIDPrivateKey: w.PrivateKey,
	})
	if err != nil {
		return Response{}, err
	}
	defer res.Body.Close()
	// Read what is left, so the connection goes back to the pool.
	io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	out := Response{Status: res.StatusCode}
	if s, err := strconv.Atoi(strings.TrimSpace(res.Header.Get("Retry-After"))); err == nil && s > 0 {
		out.RetryAfter = time.Duration(s) * time.Second
	}
	return out, nil
}
