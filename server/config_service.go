package main

import (
	"fmt"
	"net/mail"
	"net/url"
	"strings"

	"trappen/api"
)

// loadServiceInfo reads who runs the service (the footer, the privacy notice)
// and how long data is kept (retentionDays, the one reading of
// TRAPPEN_RETENTION_DAYS). Only the name has a default: an address the
// operator did not give is shown as none rather than made up.
func loadServiceInfo(getenv func(string) string) (api.ServiceInfo, error) {
	s := api.ServiceInfo{
		OrgName:  envOr(getenv, "TRAPPEN_ORG_NAME", api.DefaultOrgName),
		OrgURL:   strings.TrimSpace(getenv("TRAPPEN_ORG_URL")),
		OrgEmail: strings.TrimSpace(getenv("TRAPPEN_ORG_EMAIL")),
		OrgPhone: strings.TrimSpace(getenv("TRAPPEN_ORG_PHONE")),
	}
	var err error
	if s.RetentionDays, err = retentionDays(getenv("TRAPPEN_RETENTION_DAYS")); err != nil {
		return s, err
	}
	if s.OrgURL != "" {
		u, err := url.Parse(s.OrgURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return s, fmt.Errorf("TRAPPEN_ORG_URL must be an http(s) address, e.g. https://www.kommune.dk/jobcenter")
		}
	}
	if s.OrgEmail != "" {
		if a, err := mail.ParseAddress(s.OrgEmail); err != nil || a.Address != s.OrgEmail {
			return s, fmt.Errorf("TRAPPEN_ORG_EMAIL must be a plain e-mail address, e.g. jobcenter@kommune.dk")
		}
	}
	return s, nil
}
