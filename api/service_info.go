package api

import "github.com/gofiber/fiber/v2"

// ServiceInfo says who runs this Trappen and how long its data is kept. The
// PWA's footer, privacy notice and accessibility statement show it to anyone,
// signed in or not.
type ServiceInfo struct {
	OrgName  string // TRAPPEN_ORG_NAME, e.g. "Jobcenter Helsingør"
	OrgURL   string // TRAPPEN_ORG_URL, the organisation's own site
	OrgEmail string // TRAPPEN_ORG_EMAIL, where to write about the service
	OrgPhone string // TRAPPEN_ORG_PHONE
	// RetentionDays is how long a closed case is kept (TRAPPEN_RETENTION_DAYS).
	RetentionDays int
	// AccessLogRetentionDays is how long an entry of the log of who read a
	// citizen's data is kept (TRAPPEN_ACCESS_LOG_RETENTION_DAYS).
	AccessLogRetentionDays int
}

type orgResponse struct {
	Name  string  `json:"name"`
	URL   *string `json:"url"`
	Email *string `json:"email"`
	Phone *string `json:"phone"`
}

type serviceInfoResponse struct {
	Org                    orgResponse `json:"org"`
	RetentionDays          int         `json:"retention_days"`
	AccessLogRetentionDays int         `json:"access_log_retention_days"`
}

// DefaultOrgName names the operator when TRAPPEN_ORG_NAME is not set.
const DefaultOrgName = "Jobcenter"

// serviceInfo answers anonymously: it holds nothing about anyone.
func (h *handler) serviceInfo(c *fiber.Ctx) error {
	s := h.Service
	name := s.OrgName
	if name == "" {
		name = DefaultOrgName
	}
	return c.JSON(serviceInfoResponse{RetentionDays: s.RetentionDays, AccessLogRetentionDays: s.AccessLogRetentionDays,
		Org: orgResponse{Name: name, URL: optional(s.OrgURL), Email: optional(s.OrgEmail), Phone: optional(s.OrgPhone)}})
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
