package main

import (
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"

	"trappen/api"
	"trappen/api/oidcrp"
	"trappen/models/secretbox"
	"trappen/models/sqldb"
)

// Config is Trappen's configuration, read once from the environment.
type Config struct {
	Addr          string // TRAPPEN_ADDR
	DatabaseURL   string // DATABASE_URL
	DataDir       string // TRAPPEN_DATA_DIR
	DBMaxConns    int    // TRAPPEN_DB_MAX_CONNS
	MaxInFlight   int    // TRAPPEN_MAX_IN_FLIGHT
	JWTKey        []byte // TRAPPEN_JWT_KEY or TRAPPEN_JWT_KEY_FILE
	SecureCookies bool   // TRAPPEN_SECURE_COOKIES
	LogLevel      string // TRAPPEN_LOG_LEVEL
	// PprofAddr serves Go's profiler (net/http/pprof) on a loopback
	// address for measuring CPU per request (TRAPPEN_PPROF_ADDR; off when
	// empty).
	PprofAddr string
	// ProxyHeader and TrustedProxies let a reverse proxy name the client
	// address (TRAPPEN_PROXY_HEADER, TRAPPEN_TRUSTED_PROXIES).
	ProxyHeader    string
	TrustedProxies []string
	// PublicURL is the address users reach (TRAPPEN_PUBLIC_URL), e.g.
	// https://trappen.example.dk: absolute links and the cookies' Secure
	// flag follow it.
	PublicURL string

	// SecretKey (TRAPPEN_SECRET_KEY or _FILE) encrypts the secrets Trappen
	// stores; SecretKeyPrevious (TRAPPEN_SECRET_KEY_PREVIOUS or _FILE) still
	// opens what the key before it sealed, during a rotation.
	SecretKey         []byte
	SecretKeyPrevious []byte

	PushAllowlist   []string // TRAPPEN_PUSH_ALLOWLIST
	PushSubscriber  string   // TRAPPEN_PUSH_SUBSCRIBER
	VAPIDPublicKey  string   // TRAPPEN_VAPID_PUBLIC_KEY
	VAPIDPrivateKey string   // TRAPPEN_VAPID_PRIVATE_KEY or TRAPPEN_VAPID_PRIVATE_KEY_FILE

	// RetentionDays is how long a closed case is kept, counted from the day
	// it closed (TRAPPEN_RETENTION_DAYS, default 365; 0: until the next purge).
	RetentionDays int
	// AccessLogRetentionDays is how long an access-log entry is kept while
	// the case is open (TRAPPEN_ACCESS_LOG_RETENTION_DAYS, default 180).
	AccessLogRetentionDays int
	Service                api.ServiceInfo // TRAPPEN_ORG_*, TRAPPEN_RETENTION_DAYS (config_service.go)

	// Signing in (issue 11): see config_oidc.go.
	PasswordLogin bool              // TRAPPEN_PASSWORD_LOGIN (default true)
	OIDC          []oidcrp.Settings // TRAPPEN_OIDC_<AUDIENCE>_*
}

// DefaultRetentionDays keeps a closed case for a year.
const DefaultRetentionDays = 365

// DefaultAccessLogRetentionDays keeps six months of the access log: the
// period Danish public authorities have kept access logs for since the
// security order (bek. 528/2000 § 19), long enough for the citizen to see
// who read their case in the months that matter, short enough that the log
// does not outgrow the case (issue 13).
const DefaultAccessLogRetentionDays = 180

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
	if c.PprofAddr, err = pprofAddr(getenv("TRAPPEN_PPROF_ADDR")); err != nil {
		return c, err
	}
	if c.PublicURL, err = publicURL(getenv("TRAPPEN_PUBLIC_URL")); err != nil {
		return c, err
	}
	if c.SecretKey, err = secret(getenv, "TRAPPEN_SECRET_KEY"); err != nil {
		return c, err
	}
	if c.SecretKeyPrevious, err = secret(getenv, "TRAPPEN_SECRET_KEY_PREVIOUS"); err != nil {
		return c, err
	}
	if len(c.SecretKeyPrevious) > 0 && len(c.SecretKey) == 0 {
		return c, fmt.Errorf("TRAPPEN_SECRET_KEY_PREVIOUS needs TRAPPEN_SECRET_KEY")
	}
	if _, err := secretbox.New(c.SecretKey, c.SecretKeyPrevious); err != nil {
		return c, fmt.Errorf("TRAPPEN_SECRET_KEY: %w", err)
	}
	if c.SecureCookies, err = envBool(getenv, "TRAPPEN_SECURE_COOKIES", false); err != nil {
		return c, err
	}
	if v := getenv("TRAPPEN_DB_MAX_CONNS"); v != "" {
		if c.DBMaxConns, err = strconv.Atoi(v); err != nil || c.DBMaxConns < 1 || c.DBMaxConns > 1000 {
			return c, fmt.Errorf("TRAPPEN_DB_MAX_CONNS must be a number from 1 to 1000")
		}
	}
	if v := getenv("TRAPPEN_MAX_IN_FLIGHT"); v != "" {
		if c.MaxInFlight, err = strconv.Atoi(v); err != nil || c.MaxInFlight < 1 || c.MaxInFlight > 10000 {
			return c, fmt.Errorf("TRAPPEN_MAX_IN_FLIGHT must be a number from 1 to 10000")
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
	if c.Service, err = loadServiceInfo(getenv); err != nil {
		return c, err
	}
	c.RetentionDays = c.Service.RetentionDays
	if c.AccessLogRetentionDays, err = accessLogRetentionDays(getenv("TRAPPEN_ACCESS_LOG_RETENTION_DAYS")); err != nil {
		return c, err
	}
	c.Service.AccessLogRetentionDays = c.AccessLogRetentionDays // told in the privacy notice
	if err := loadSignInConfig(getenv, &c); err != nil {
		return c, err
	}
	return c, nil
}

func retentionDays(v string) (int, error) {
	if strings.TrimSpace(v) == "" {
		return DefaultRetentionDays, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 || n > 36500 {
		return 0, fmt.Errorf("TRAPPEN_RETENTION_DAYS must be a whole number of days from 0 to 36500")
	}
	return n, nil
}

// accessLogRetentionDays reads TRAPPEN_ACCESS_LOG_RETENTION_DAYS: at least
// 30, so the citizen can always see the last month.
func accessLogRetentionDays(v string) (int, error) {
	if strings.TrimSpace(v) == "" {
		return DefaultAccessLogRetentionDays, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 30 || n > 36500 {
		return 0, fmt.Errorf("TRAPPEN_ACCESS_LOG_RETENTION_DAYS must be a whole number of days from 30 to 36500")
	}
	return n, nil
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

// envBool reads a yes/no setting. A value it does not understand is an
// error, never a silent "no": TRAPPEN_SECURE_COOKIES=ja must not quietly
// send cookies without Secure.
func envBool(getenv func(string) string, name string, def bool) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(getenv(name))) {
	case "":
		return def, nil
	case "true", "1", "yes", "on":
		return true, nil
	case "false", "0", "no", "off":
		return false, nil
	}
	return def, fmt.Errorf("%s must be true or false, not %q", name, getenv(name))
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

// publicURL checks TRAPPEN_PUBLIC_URL: an http(s) origin, optionally with a
// path prefix, kept without its trailing slash.
func publicURL(v string) (string, error) {
	v = strings.TrimRight(strings.TrimSpace(v), "/")
	if v == "" {
		return "", nil
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil ||
		u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("TRAPPEN_PUBLIC_URL must be an http(s) address such as https://trappen.example.dk")
	}
	return v, nil
}
