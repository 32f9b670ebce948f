// Command server runs Trappen: the API, the embedded PWA and the background
// work. `server caseworker create` and `server demo` are its other commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/gofiber/fiber/v2"

	"trappen/api"
	"trappen/models/store"
	"trappen/push"
	"trappen/pwa"
)

func main() {
	code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	os.Exit(code)
}

// run dispatches the command line and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	cfg, err := LoadConfig(getenv)
	if err != nil {
		fmt.Fprintln(stderr, "configuration:", err)
		return 2
	}
	log := newLogger(stderr, cfg.LogLevel)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	switch {
	case len(args) == 0 || args[0] == "serve":
		err = serve(ctx, cfg, log)
	case args[0] == "caseworker" && len(args) > 1 && args[1] == "create":
		err = createCaseworker(ctx, cfg, args[2:], stdin, stdout)
	case args[0] == "seed":
		err = seedCommand(ctx, cfg, args[1:], stdout)
	case args[0] == "loadtest":
		err = loadtestCommand(ctx, args[1:], stdout)
	case args[0] == "demo":
		err = seedDemo(ctx, cfg, stdout)
	default:
		err = errors.New("usage: server [serve] | caseworker create --email E --name N | demo | seed --citizens N | loadtest --url URL --rate R --duration D [--find-max]")
	}
	if err != nil {
		fmt.Fprintln(stderr, oneLine(err))
		return 1
	}
	return 0
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l}))
}

// app is Trappen wired together.
type app struct {
	cfg   Config
	store *store.Store
	http  *fiber.App
	log   *slog.Logger
	now   func() time.Time
	push  *push.Worker
}

// newApp opens the store, migrates it and builds the HTTP app.
func newApp(ctx context.Context, cfg Config, log *slog.Logger, now func() time.Time) (*app, error) {
	store, err := openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	key := cfg.JWTKey
	if len(key) == 0 {
		if key, err = loadOrCreateKey(cfg.DataDir, "jwt.key"); err != nil {
			store.SQL.Close()
			return nil, fmt.Errorf("JWT key: %w", err)
		}
	}
	tokens, err := api.NewTokens(key)
	if err != nil {
		store.SQL.Close()
		return nil, err
	}
	vapid, err := vapidKeys(ctx, cfg, store)
	if err != nil {
		store.SQL.Close()
		return nil, fmt.Errorf("VAPID key: %w", err)
	}
	sender, err := push.NewWebPush(vapid.PublicKey, vapid.PrivateKey, cfg.PushSubscriber, push.DefaultConcurrency)
	if err != nil {
		store.SQL.Close()
		return nil, fmt.Errorf("VAPID key: %w", err)
	}
	a := &app{cfg: cfg, store: store, log: log, now: now}
	a.push = &push.Worker{Outbox: store.Outbox, Log: log, Sender: sender}
	a.http = api.New(api.Deps{Store: store, Tokens: tokens, Log: log, Now: now, PWA: pwa.FS(),
		SecureCookies: cfg.SecureCookies, ProxyHeader: cfg.ProxyHeader, TrustedProxies: cfg.TrustedProxies,
		Push: &api.PushConfig{PublicKey: vapid.PublicKey, Allowlist: cfg.PushAllowlist}})
	return a, nil
}

func (a *app) Close() error { return a.store.SQL.Close() }

func serve(ctx context.Context, cfg Config, log *slog.Logger) error {
	a, err := newApp(ctx, cfg, log, time.Now)
	if err != nil {
		return err
	}
	defer a.Close()
	workerCtx, stopWorker := context.WithCancel(ctx)
	defer startPushWorker(workerCtx, a.push, a.store, a.now, log)() // waits for the round in progress
	defer stopWorker()
	errc := make(chan error, 1)
	go func() { errc <- a.http.Listen(cfg.Addr) }()
	log.Info("Trappen is running", "addr", cfg.Addr, "database", string(a.store.Dialect))
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return a.http.ShutdownWithContext(shutdownCtx)
}

func oneLine(err error) string {
	msg := err.Error()
	for i, r := range msg {
		if r == '\n' {
			return msg[:i]
		}
	}
	return msg
}

// openStore opens and migrates the database and returns the case store
// (with the identity and outbox stores on the same database).
func openStore(ctx context.Context, cfg Config) (*store.Store, error) {
	return store.Open(ctx, cfg.storeOptions())
}
