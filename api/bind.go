package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/gofiber/fiber/v2"

	"trappen/models"
)

// decodeJSON reads the body into dst. A body not labelled as JSON is a 415
// (a cross-site form can only send text/plain, form or multipart bodies);
// malformed JSON is a 400; a value of the wrong type is a 422 naming the field.
func decodeJSON(c *fiber.Ctx, dst any) error {
	ct := strings.ToLower(c.Get(fiber.HeaderContentType))
	if (ct != "" || len(c.Body()) > 0) && !strings.HasPrefix(ct, "application/json") && !strings.Contains(ct, "+json") {
		return newHTTPError(fiber.StatusUnsupportedMediaType, "unsupported_media_type")
	}
	body := c.Body()
	// A bare null would decode into nothing and pass as an empty request.
	if trimmed := bytes.TrimSpace(body); len(trimmed) == 0 || string(trimmed) == "null" {
		return newHTTPError(fiber.StatusBadRequest, "invalid_json")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(dst); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return newHTTPError(fiber.StatusBadRequest, "invalid_json")
	}
	return refuseNUL(body)
}

// refuseNUL answers 422 for a NUL character (\u0000) anywhere in the body:
// PostgreSQL cannot store it in TEXT, so every text input is refused here,
// alike on both engines, before it reaches a handler. Raw control bytes are
// already invalid JSON.
func refuseNUL(body []byte) error {
	if !bytes.Contains(body, []byte(`\u0000`)) {
		return nil
	}
	// UseNumber: a number too large for float64 must not hide the NUL.
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if dec.Decode(&doc) != nil {
		return nil
	}
	if field, ok := findNUL(doc, ""); ok {
		return models.Invalid(field, "invalid_character")
	}
	return nil
}

// findNUL returns the path (weeks[0].note, as in validation errors) of the
// first string or key holding a NUL.
func findNUL(v any, path string) (string, bool) {
	switch x := v.(type) {
	case string:
		return path, strings.ContainsRune(x, 0)
	case []any:
		for i, e := range x {
			if p, ok := findNUL(e, fmt.Sprintf("%s[%d]", path, i)); ok {
				return p, true
			}
		}
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := strings.TrimPrefix(path+"."+strings.ReplaceAll(k, "\x00", ""), ".")
			if strings.ContainsRune(k, 0) {
				return p, true
			}
			if p, ok := findNUL(x[k], p); ok {
				return p, true
			}
		}
	}
	return "", false
}

func jsonError(err error) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		field := typeErr.Field
		if field == "" {
			return newHTTPError(fiber.StatusBadRequest, "invalid_json")
		}
		return &httpError{status: fiber.StatusUnprocessableEntity, code: "validation_failed",
			fields: map[string]models.FieldError{field: {Key: "wrong_type"}}}
	}
	return newHTTPError(fiber.StatusBadRequest, "invalid_json")
}
