// Command server runs Trappen: the API, the embedded PWA and the background
// work. `server caseworker create`, `server demo` and `server purge` are its
// other commands.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/gofiber/fiber/v2"

	"trappen/api"
	"trappen/models/secretbox"
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
	cmd, rest, ok := dispatch(args)
	if wantsHelp(args) {
		if ok && len(args) > 0 && args[0] != "help" {
			printHelp(stdout, cmd)
		} else {
			printHelp(stdout, nil)
		}
		return 0
	}
	if !ok {
		fmt.Fprintf(stderr, "unknown command %q (server --help lists them)\n", strings.Join(args, " "))
		return 2
	}
	cfg, err := LoadConfig(getenv)
	if err != nil {
		fmt.Fprintln(stderr, "configuration:", err)
		return 2
	}
	log := newLogger(stderr, cfg.LogLevel)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := cmd.run(ctx, cfg, log, rest, stdin, stdout); err != nil {
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
	box, err := secretbox.New(cfg.SecretKey, cfg.SecretKeyPrevious)
	if err != nil {
		store.SQL.Close()
		return nil, fmt.Errorf("TRAPPEN_SECRET_KEY: %w", err)
	}
	if box == nil {
		log.Warn("stored secrets (VAPID private key, JWT key file) are not encrypted at rest: set TRAPPEN_SECRET_KEY")
	}
	key := cfg.JWTKey
	if len(key) == 0 {
		if key, err = loadOrCreateSealedKey(cfg.DataDir, "jwt.key", box); err != nil {
			store.SQL.Close()
			return nil, fmt.Errorf("JWT key: %w", err)
		}
	}
	tokens, err := api.NewTokens(key)
	if err != nil {
		store.SQL.Close()
		return nil, err
	}
	vapid, err := vapidKeys(ctx, cfg, store, box)
	if err != nil {
		store.SQL.Close()
		return nil, fmt.Errorf("VAPID key: %w", err)
	}
	clients, err := oidcClients(cfg, now)
	if err != nil {
		store.SQL.Close()
		return nil, err
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
		PublicURL: cfg.PublicURL,
		Push:      &api.PushConfig{PublicKey: vapid.PublicKey, Allowlist: cfg.PushAllowlist},
		Service:   cfg.Service, PasswordLoginOff: !cfg.PasswordLogin, OIDC: clients, MaxInFlight: cfg.MaxInFlight})
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
	defer startRetention(workerCtx, a.store, cfg.retention(), a.now, log)()
	defer stopWorker()
	if cfg.PprofAddr != "" {
		if _, err := startPprof(workerCtx, cfg.PprofAddr, log); err != nil {
			return err
		}
	}
	// Listen first, so "running" is only said once connections are taken.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	errc := make(chan error, 1)
	go func() { errc <- a.http.Listener(ln) }()
	log.Info("Trappen is running", "addr", ln.Addr().String(), "database", string(a.store.Dialect))
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

// oneLine folds a multi-line error (pgx puts the reason on later lines)
// into one line, so nothing of the reason is cut.
func oneLine(err error) string {
	lines := strings.FieldsFunc(err.Error(), func(r rune) bool { return r == '\n' || r == '\r' })
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	return strings.Join(lines, " ")
}

func openStore(ctx context.Context, cfg Config) (*store.Store, error) {
	return store.Open(ctx, cfg.storeOptions())
}
