package api

import (
	"io/fs"
	"mime"
	"path"
	"strings"

	"github.com/gofiber/fiber/v2"

	"trappen/i18n"
)

// servePWA serves the embedded web app: hashed assets for a year, the
// service worker, manifest and index.html revalidated every time, and
// index.html for every other path so the app's own router takes over.
func (h *handler) servePWA(c *fiber.Ctx) error {
	if h.PWA == nil {
		return models404()
	}
	p := strings.TrimPrefix(path.Clean("/"+c.Params("*")), "/")
	if p == "" {
		p = "index.html"
	}
	body, err := fs.ReadFile(h.PWA, p)
	if err != nil {
		if path.Ext(p) != "" {
			return models404()
		}
		p = "index.html"
		if body, err = fs.ReadFile(h.PWA, p); err != nil {
			return models404()
		}
	}
	if strings.HasPrefix(p, "assets/") {
		c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	} else {
		c.Set(fiber.HeaderCacheControl, "no-cache")
	}
	if p == "sw.js" {
		c.Set("Service-Worker-Allowed", "/")
	}
	c.Set(fiber.HeaderContentType, contentType(p))
	return c.Send(body)
}

func contentType(p string) string {
	switch path.Ext(p) {
	case ".webmanifest":
		return "application/manifest+json"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(p)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// catalog serves one language's message catalog to the PWA.
func (h *handler) catalog(c *fiber.Ctx) error {
	// da.json, or da.pages.json for the footer pages' long texts.
	lang, part, _ := strings.Cut(strings.TrimSuffix(c.Params("lang"), ".json"), ".")
	raw, ok := i18n.Raw(lang, part)
	if !ok {
		return models404()
	}
	c.Set(fiber.HeaderCacheControl, "no-cache")
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	return c.Send(raw)
}
