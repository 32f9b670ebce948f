package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"trappen/models/sqldb"
)

// Config is Trappen's configuration, read once from the environment.
type Config struct {
	Addr          string // TRAPPEN_ADDR
	DatabaseURL   string // DATABASE_URL
	DataDir       string // TRAPPEN_DATA_DIR
	DBMaxConns    int    // TRAPPEN_DB_MAX_CONNS
	JWTKey        []byte // TRAPPEN_JWT_KEY or TRAPPEN_JWT_KEY_FILE
	SecureCookies bool   // TRAPPEN_SECURE_COOKIES
	LogLevel      string // TRAPPEN_LOG_LEVEL
	// ProxyHeader and TrustedProxies let a reverse proxy name the client
	// address (TRAPPEN_PROXY_HEADER, TRAPPEN_TRUSTED_PROXIES).
	ProxyHeader    string
	TrustedProxies []string

	PushAllowlist   []string // TRAPPEN_PUSH_ALLOWLIST
	PushSubscriber  string   // TRAPPEN_PUSH_SUBSCRIBER
	VAPIDPublicKey  string   // TRAPPEN_VAPID_PUBLIC_KEY
	VAPIDPrivateKey string   // TRAPPEN_VAPID_PRIVATE_KEY or TRAPPEN_VAPID_PRIVATE_KEY_FILE
}

// DefaultPushAllowlist holds the https endpoints of the major push services.
var DefaultPushAllowlist = []string{
	"https://fcm.googleapis.com/",
	"https://updates.push.services.mozilla.com/",
	"https://push.services.mozilla.com/",
	"https://web.push.apple.com/",
	"https://api.push.apple.com/",
	"https://*.notify.windows.com/",
}

// LoadConfig reads the environment through getenv.
func LoadConfig(getenv func(string) string) (Config, error) {
	c := Config{
		Addr:           envOr(getenv, "TRAPPEN_ADDR", ":8080"),
		DatabaseURL:    getenv("DATABASE_URL"),
		DataDir:        envOr(getenv, "TRAPPEN_DATA_DIR", "data"),
		SecureCookies:  getenv("TRAPPEN_SECURE_COOKIES") == "true" || getenv("TRAPPEN_SECURE_COOKIES") == "1",
		LogLevel:       envOr(getenv, "TRAPPEN_LOG_LEVEL", "info"),
		PushSubscriber: envOr(getenv, "TRAPPEN_PUSH_SUBSCRIBER", "https://trappen.example/kontakt"),
		VAPIDPublicKey: getenv("TRAPPEN_VAPID_PUBLIC_KEY"),
		PushAllowlist:  DefaultPushAllowlist,
		ProxyHeader:    getenv("TRAPPEN_PROXY_HEADER"),
		TrustedProxies: splitList(getenv("TRAPPEN_TRUSTED_PROXIES")),
	}
	if c.ProxyHeader != "" && len(c.TrustedProxies) == 0 {
		return c, fmt.Errorf("TRAPPEN_PROXY_HEADER needs TRAPPEN_TRUSTED_PROXIES")
	}
	var err error
	if v := getenv("TRAPPEN_DB_MAX_CONNS"); v != "" {
		if c.DBMaxConns, err = strconv.Atoi(v); err != nil || c.DBMaxConns < 1 || c.DBMaxConns > 1000 {
			return c, fmt.Errorf("TRAPPEN_DB_MAX_CONNS must be a number from 1 to 1000")
		}
	}
	if c.JWTKey, err = secret(getenv, "TRAPPEN_JWT_KEY"); err != nil {
		return c, err
	}
	if len(c.JWTKey) > 0 && len(c.JWTKey) < 32 {
		return c, fmt.Errorf("TRAPPEN_JWT_KEY must be at least 32 bytes")
	}
	key, err := secret(getenv, "TRAPPEN_VAPID_PRIVATE_KEY")
	if err != nil {
		return c, err
	}
	c.VAPIDPrivateKey = strings.TrimSpace(string(key))
	if (c.VAPIDPrivateKey == "") != (c.VAPIDPublicKey == "") {
		return c, fmt.Errorf("TRAPPEN_VAPID_PUBLIC_KEY and TRAPPEN_VAPID_PRIVATE_KEY go together")
	}
	if list := splitList(getenv("TRAPPEN_PUSH_ALLOWLIST")); len(list) > 0 {
		c.PushAllowlist = list
	}
	return c, nil
}

// storeOptions says where the data lives and how many connections to keep.
func (c Config) storeOptions() sqldb.OpenOptions {
	return sqldb.OpenOptions{DatabaseURL: c.DatabaseURL, DataDir: c.DataDir, MaxConns: c.DBMaxConns}
}

// splitList splits a comma-separated value, dropping empty items.
func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func envOr(getenv func(string) string, name, def string) string {
	if v := getenv(name); v != "" {
		return v
	}
	return def
}

// secret reads NAME, or the file named by NAME_FILE.
func secret(getenv func(string) string, name string) ([]byte, error) {
	if v := getenv(name); v != "" {
		return []byte(v), nil
	}
	if path := getenv(name + "_FILE"); path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("%s_FILE: %w", name, err)
		}
		return []byte(strings.TrimRight(string(b), "\r\n")), nil
	}
	return nil, nil
}
