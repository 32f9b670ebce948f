package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/gofiber/fiber/v2"

	"trappen/models"
)

// decodeJSON reads the body into dst. Malformed JSON is a 400; a value of the
// wrong type is a 422 naming the field.
func decodeJSON(c *fiber.Ctx, dst any) error {
	ct := strings.ToLower(c.Get(fiber.HeaderContentType))
	if ct != "" && !strings.HasPrefix(ct, "application/json") && !strings.Contains(ct, "+json") {
		return newHTTPError(fiber.StatusUnsupportedMediaType, "unsupported_media_type")
	}
	body := c.Body()
	if len(bytes.TrimSpace(body)) == 0 {
		return newHTTPError(fiber.StatusBadRequest, "invalid_json")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(dst); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return newHTTPError(fiber.StatusBadRequest, "invalid_json")
	}
	return nil
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
