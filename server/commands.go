package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// command is one subcommand of the server binary. The table below is the
// only place that names them, so `--help` can never miss one.
type command struct {
	name    string // as typed: "caseworker create"
	summary string
	usage   string // flags and arguments after the name
	details string
	run     func(ctx context.Context, cfg Config, log *slog.Logger, args []string, stdin io.Reader, stdout io.Writer) error
}

var commands = []command{
	{
		name: "serve", summary: "serve the app and the API (the default)",
		details: "Runs until SIGINT or SIGTERM, then finishes the requests in flight.",
		run: func(ctx context.Context, cfg Config, log *slog.Logger, _ []string, _ io.Reader, _ io.Writer) error {
			return serve(ctx, cfg, log)
		},
	},
	{
		name: "caseworker create", summary: "create a caseworker account",
		usage:   "--email E --name N [--locale da|en]",
		details: "Reads the password as one line from standard input. Exits 0 on success, 1 with a one-line reason otherwise.",
		run: func(ctx context.Context, cfg Config, _ *slog.Logger, args []string, stdin io.Reader, stdout io.Writer) error {
			return createCaseworker(ctx, cfg, args, stdin, stdout)
		},
	},
	{
		name: "demo", summary: "add a demo caseworker and citizens to try Trappen",
		details: "Safe to run twice. Refuses a database that already holds accounts other than the demo's.",
		run: func(ctx context.Context, cfg Config, _ *slog.Logger, _ []string, _ io.Reader, stdout io.Writer) error {
			return seedDemo(ctx, cfg, stdout)
		},
	},
	{
		name: "purge", summary: "delete closed cases, access-log entries and push messages past their retention, once",
		details: "The server also purges at start-up and every hour. Exits 0 when done.",
		run: func(ctx context.Context, cfg Config, log *slog.Logger, _ []string, _ io.Reader, stdout io.Writer) error {
			return purgeOnce(ctx, cfg, log, stdout)
		},
	},
	{
		name: "seed", summary: "fill an empty database with national-scale test data",
		usage:   "--citizens N [--seed S] [--password P]",
		details: "For load tests only: refuses a database it has seeded before. See the README's load test.",
		run: func(ctx context.Context, cfg Config, _ *slog.Logger, args []string, _ io.Reader, stdout io.Writer) error {
			return seedCommand(ctx, cfg, args, stdout)
		},
	},
	{
		name: "loadtest", summary: "put an open-loop load on a running Trappen (loopback only)",
		usage:   "--url URL --rate R --duration D [--warmup W] [--find-max] [--server-pid PID] [--db-name NAME]",
		details: "Reports p50/p95/p99/max per request kind and CPU milliseconds per request.",
		run: func(ctx context.Context, _ Config, _ *slog.Logger, args []string, _ io.Reader, stdout io.Writer) error {
			return loadtestCommand(ctx, args, stdout)
		},
	},
}

// setting is one environment variable, for `--help`.
type setting struct{ name, meaning string }

// settings lists every environment variable the server reads. A test checks
// that config.go reads nothing that is missing here.
var settings = []setting{
	{"TRAPPEN_ADDR", "address to listen on (default :8080)"},
	{"DATABASE_URL", "postgres://… to use PostgreSQL; unset: embedded SQLite"},
	{"TRAPPEN_DATA_DIR", "folder for the SQLite file and generated keys (default ./data)"},
	{"TRAPPEN_DB_MAX_CONNS", "PostgreSQL connections kept open by this instance (default 16)"},
	{"TRAPPEN_MAX_IN_FLIGHT", "API requests worked on at once; more wait, and under overload get 503 (default 8 per core)"},
	{"TRAPPEN_LOG_LEVEL", "debug, info (default), warn or error"},
	{"TRAPPEN_PPROF_ADDR", "loopback address for Go's profiler, e.g. 127.0.0.1:6060 (default: off)"},
	{"TRAPPEN_JWT_KEY, TRAPPEN_JWT_KEY_FILE", "signing key for access tokens (default: generated in the data folder)"},
	{"TRAPPEN_SECURE_COOKIES", "true: always mark cookies Secure (behind a TLS proxy)"},
	{"TRAPPEN_PROXY_HEADER, TRAPPEN_TRUSTED_PROXIES", "client address header and the proxies allowed to set it"},
	{"TRAPPEN_RETENTION_DAYS", "days a closed case is kept before it is deleted (default 365; 0: at the next purge)"},
	{"TRAPPEN_ACCESS_LOG_RETENTION_DAYS", "days an access-log entry is kept while the case is open (default 180, at least 30)"},
	{"TRAPPEN_ORG_NAME, TRAPPEN_ORG_URL, TRAPPEN_ORG_EMAIL, TRAPPEN_ORG_PHONE", "who runs this Trappen, shown in the footer and the privacy notice"},
	{"TRAPPEN_PUBLIC_URL", "the address users reach (https://…); absolute links and OpenID Connect redirects are built from it"},
	{"TRAPPEN_SECRET_KEY(_FILE), TRAPPEN_SECRET_KEY_PREVIOUS", "key that encrypts stored secrets (VAPID key, JWT key); the previous one during rotation"},
	{"TRAPPEN_PUSH_ALLOWLIST", "comma-separated URL prefixes push endpoints must start with"},
	{"TRAPPEN_PUSH_SUBSCRIBER", "contact URL or mailto: sent to push services"},
	{"TRAPPEN_VAPID_PUBLIC_KEY, TRAPPEN_VAPID_PRIVATE_KEY(_FILE)", "VAPID key pair (default: generated and kept in the database)"},
	{"TRAPPEN_PASSWORD_LOGIN", "false: no password sign-in or activation (needs an identity provider; default true)"},
	{"TRAPPEN_OIDC_<AUDIENCE>_ISSUER, _CLIENT_ID, _CLIENT_SECRET(_FILE), _SCOPES, _ACR_VALUES",
		"identity provider for CITIZEN (MitID), CASEWORKER or EMPLOYER sign-in (see README)"},
	{"TRAPPEN_OIDC_CASEWORKER_GROUP, TRAPPEN_OIDC_CASEWORKER_GROUP_CLAIM",
		"the group a caseworker's ID token must hold, and its claim (default groups)"},
}

// dispatch finds the command named by args and returns it with its own
// arguments. No arguments means serve.
func dispatch(args []string) (*command, []string, bool) {
	if len(args) == 0 {
		return &commands[0], nil, true
	}
	for i := range commands {
		words := strings.Fields(commands[i].name)
		if len(args) >= len(words) && strings.Join(args[:len(words)], " ") == commands[i].name {
			return &commands[i], args[len(words):], true
		}
	}
	return nil, nil, false
}

// wantsHelp reports whether args ask for help.
func wantsHelp(args []string) bool {
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			return true
		}
	}
	return len(args) > 0 && args[0] == "help"
}

// printHelp writes the help for one command, or for all when cmd is nil.
func printHelp(w io.Writer, cmd *command) {
	if cmd != nil {
		fmt.Fprintf(w, "usage: server %s %s\n\n%s.\n", cmd.name, cmd.usage, capitalize(cmd.summary))
		if cmd.details != "" {
			fmt.Fprintf(w, "%s\n", cmd.details)
		}
	} else {
		fmt.Fprintln(w, "usage: server [command] [flags]   (server <command> --help for one command)")
		fmt.Fprintln(w, "\ncommands:")
		for _, c := range commands {
			fmt.Fprintf(w, "  %-20s %s\n", c.name, c.summary)
		}
	}
	fmt.Fprintln(w, "\nenvironment:")
	for _, s := range settings {
		fmt.Fprintf(w, "  %s\n      %s\n", s.name, s.meaning)
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
