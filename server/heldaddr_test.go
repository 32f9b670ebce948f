package main

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"trappen/models/storetest"
)

// heldAddr is a test server's address, owned by the test from start to end.
//
// A test that takes its server offline (Stop) and back (Restart) needs the
// same origin again: the browser's service worker, cookies and IndexedDB
// belong to it. Closing the listening socket in between would free the port
// for any other test's listener (a test server, a push stand-in, the test
// OpenID Provider) to take, and the browser would then talk to a stranger
// that may answer something else or never. So the one socket listens until
// the test ends and a gate hands its connections to the running app; while
// the app is stopped the gate resets each at once: to the browser the
// server is down, every time, as fast as a refused connection.
type heldAddr struct {
	ln net.Listener

	mu    sync.Mutex
	app   *gateListener      // the running app's side of the gate; nil while stopped
	conns map[*gateConn]bool // connections the running app holds
	hang  bool               // while stopped: hold connections unanswered
	held  []net.Conn         // connections held so
}

// holdAddr listens on a fresh loopback port until t ends: one that no
// earlier test server of this process had, so no test's browser finds what
// another test stored for the origin (browser tabs are reused: newBrowser).
func holdAddr(t testing.TB) *heldAddr {
	t.Helper()
	ln, err := listenOnNewPort()
	if err != nil {
		t.Fatal(err)
	}
	h := &heldAddr{ln: ln, conns: map[*gateConn]bool{}}
	t.Cleanup(func() { // after the server's Stop (cleanups run last-first)
		ln.Close()
		h.release()
	})
	go h.accept()
	return h
}

// usedPorts are the ports test servers of this process have listened on.
var usedPorts = struct {
	sync.Mutex
	m map[int]bool
}{m: map[int]bool{}}

// listenOnNewPort listens on a loopback port not in usedPorts. The ports the
// kernel offers again are kept open until a new one comes, so it cannot
// offer them twice.
func listenOnNewPort() (net.Listener, error) {
	usedPorts.Lock()
	defer usedPorts.Unlock()
	var again []net.Listener
	defer func() {
		for _, ln := range again {
			ln.Close()
		}
	}()
	for {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		port := ln.Addr().(*net.TCPAddr).Port
		if !usedPorts.m[port] {
			usedPorts.m[port] = true
			return ln, nil
		}
		again = append(again, ln)
	}
}

func (h *heldAddr) String() string { return h.ln.Addr().String() }

func (h *heldAddr) accept() {
	for {
		c, err := h.ln.Accept()
		if err != nil {
			return // the test is over
		}
		h.mu.Lock()
		g, hang := h.app, h.hang
		var gc *gateConn
		if g != nil {
			gc = &gateConn{Conn: c, h: h}
			h.conns[gc] = true
		} else if hang {
			h.held = append(h.held, c)
		}
		h.mu.Unlock()
		if g == nil {
			if !hang {
				reset(c)
			}
			continue
		}
		select {
		case g.conns <- gc:
		case <-g.closed: // stopped meanwhile
			gc.reset()
		}
	}
}

// serve runs app on the address until stop.
func (h *heldAddr) serve(app *fiber.App) {
	g := &gateListener{addr: h.ln.Addr(), conns: make(chan net.Conn), closed: make(chan struct{})}
	h.release()
	h.mu.Lock()
	h.app = g
	h.mu.Unlock()
	go app.Listener(g)
}

// hangUp makes the stopped address a bad mobile connection ("lie-fi"): it
// takes connections and never answers, until the app serves again.
func (h *heldAddr) hangUp() {
	h.mu.Lock()
	h.hang = true
	h.mu.Unlock()
}

// release resets the connections held unanswered and stops holding new ones.
func (h *heldAddr) release() {
	h.mu.Lock()
	held := h.held
	h.held, h.hang = nil, false
	h.mu.Unlock()
	for _, c := range held {
		reset(c)
	}
}

// stop shuts app down and resets whatever connection it left open: fasthttp
// gives a connection that has not sent a request yet five seconds before
// it counts as idle, longer than the shutdown waits, and such a connection
// would go on being served by a stopped app.
func (h *heldAddr) stop(app *fiber.App) {
	h.mu.Lock()
	g := h.app
	h.app = nil
	h.mu.Unlock()
	if g != nil {
		g.Close()
	}
	app.ShutdownWithTimeout(2 * time.Second)
	h.mu.Lock()
	left := make([]*gateConn, 0, len(h.conns))
	for c := range h.conns {
		left = append(left, c)
	}
	h.mu.Unlock()
	for _, c := range left {
		c.reset()
	}
}

// reset closes c with a TCP reset rather than an orderly close, so the
// browser sees a failed connection at once rather than an empty answer.
func reset(c net.Conn) {
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	c.Close()
}

// gateListener is the app's side of the gate: it accepts what the held
// address hands over until it is closed.
type gateListener struct {
	addr   net.Addr
	conns  chan net.Conn
	once   sync.Once
	closed chan struct{}
}

func (g *gateListener) Accept() (net.Conn, error) {
	select {
	case c := <-g.conns:
		return c, nil
	case <-g.closed:
		return nil, net.ErrClosed
	}
}

func (g *gateListener) Close() error {
	g.once.Do(func() { close(g.closed) })
	return nil
}

func (g *gateListener) Addr() net.Addr { return g.addr }

// gateConn is a connection the running app holds; it leaves the held
// address's list when closed.
type gateConn struct {
	net.Conn
	h *heldAddr
}

func (c *gateConn) Close() error {
	c.h.mu.Lock()
	delete(c.h.conns, c)
	c.h.mu.Unlock()
	return c.Conn.Close()
}

func (c *gateConn) reset() {
	c.h.mu.Lock()
	delete(c.h.conns, c)
	c.h.mu.Unlock()
	reset(c.Conn)
}

// The offline tests rely on this: once Stop returns nothing answers on the
// server's address, not even a connection opened before it (a browser's
// preconnect, which fasthttp's shutdown leaves open and goes on serving), a
// new connection fails at once, and Restart answers on the same address.
func TestAStoppedTestServerIsDownAtOnceAndComesBackOnItsAddress(t *testing.T) {
	t.Parallel()
	s := startServer(t, storetest.Options(t, storetest.SQLite))
	s.get("/healthz")
	host := strings.TrimPrefix(s.URL, "http://")
	early, err := net.Dial("tcp", host) // opened, nothing sent yet
	if err != nil {
		t.Fatal(err)
	}
	defer early.Close()
	for deadline := time.Now().Add(5 * time.Second); ; { // until the gate has handed it to the app
		s.addr.mu.Lock()
		n := len(s.addr.conns) // with /healthz's
		s.addr.mu.Unlock()
		if n >= 2 || time.Now().After(deadline) {
			break
		}
		runtime.Gosched()
	}

	s.Stop()
	early.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(early, "GET /healthz HTTP/1.1\r\nHost: %s\r\n\r\n", host)
	if res, err := http.ReadResponse(bufio.NewReader(early), nil); err == nil {
		t.Fatalf("a connection opened before Stop is answered after it: %s", res.Status)
	}
	client := &http.Client{Timeout: 5 * time.Second}
	start := time.Now()
	if res, err := client.Get(s.URL + "/healthz"); err == nil {
		res.Body.Close()
		t.Fatalf("the stopped server answers %s", res.Status)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("a request to the stopped server took %v to fail; want at once", d)
	}

	s.Restart()
	if res := s.get("/healthz"); res.StatusCode != http.StatusOK {
		t.Fatalf("after Restart /healthz answers %d", res.StatusCode)
	}

	s.Hang()
	quick := &http.Client{Timeout: 300 * time.Millisecond}
	if res, err := quick.Get(s.URL + "/healthz"); err == nil {
		res.Body.Close()
		t.Fatalf("the hung server answers %s", res.Status)
	} else if !os.IsTimeout(err) {
		t.Fatalf("the hung server fails with %v; want no answer (a timeout)", err)
	}
	s.Restart()
	if res := s.get("/healthz"); res.StatusCode != http.StatusOK {
		t.Fatalf("after the hang /healthz answers %d", res.StatusCode)
	}
}
