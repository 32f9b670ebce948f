package push

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
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

// WebPush sends with VAPID (RFC 8292) and aes128gcm (RFC 8291). Each
// message is encrypted for its device; the signed VAPID header is made once
// per push service and reused until shortly before it expires.
type WebPush struct {
	Client *http.Client
	vapid  *vapidSigner
}

// NewWebPush returns a sender for the key pair (base64url) and subscriber
// (a mailto: address or an https URL). Its HTTP client keeps enough idle
// connections per push service for conns sends at once.
func NewWebPush(publicKey, privateKey, subscriber string, conns int) (*WebPush, error) {
	v, err := newVAPIDSigner(publicKey, privateKey, subscriber)
	if err != nil {
		return nil, err
	}
	return &WebPush{Client: newClient(conns), vapid: v}, nil
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

// Send encrypts m for its device and posts it.
func (w *WebPush) Send(ctx context.Context, m Message) (Response, error) {
	body, err := encrypt(m.Payload, m.P256dh, m.Auth)
	if err != nil {
		return Response{}, fmt.Errorf("encrypt: %w", err)
	}
	auth, err := w.vapid.header(m.Endpoint, time.Now())
	if err != nil {
		return Response{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.Endpoint, bytes.NewReader(body))
	if err != nil {
		return Response{}, err
	}
	req.Header.Set("Content-Encoding", "aes128gcm")
	req.Header.Set("Content-Type", "application/octet-stream")
	req.Header.Set("TTL", strconv.Itoa(int(max(m.TTL/time.Second, 1))))
	req.Header.Set("Authorization", auth)
	if m.Topic != "" {
		req.Header.Set("Topic", m.Topic)
	}
	if m.Urgency != "" {
		req.Header.Set("Urgency", m.Urgency)
	}
	res, err := w.Client.Do(req)
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
