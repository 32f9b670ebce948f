package api

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"trappen/i18n"
	"trappen/models"
)

// errorBody is the contract's error shape.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

var kindStatus = map[models.Kind]int{
	models.KindInvalid:      fiber.StatusUnprocessableEntity,
	models.KindNotFound:     fiber.StatusNotFound,
	models.KindConflict:     fiber.StatusConflict,
	models.KindUnauthorized: fiber.StatusUnauthorized,
	models.KindForbidden:    fiber.StatusForbidden,
	models.KindRateLimited:  fiber.StatusTooManyRequests,
}

// httpError is an error that only the HTTP layer knows (bad JSON, 415…).
type httpError struct {
	status int
	code   string
	fields map[string]models.FieldError
}

func (e *httpError) Error() string { return e.code }

func newHTTPError(status int, code string) *httpError { return &httpError{status: status, code: code} }

var fiberCodes = map[int]string{
	fiber.StatusNotFound:              "not_found",
	fiber.StatusMethodNotAllowed:      "method_not_allowed",
	fiber.StatusRequestEntityTooLarge: "body_too_large",
	fiber.StatusUnsupportedMediaType:  "unsupported_media_type",
	fiber.StatusBadRequest:            "invalid_json",
	fiber.StatusUnauthorized:          "unauthorized",
	fiber.StatusForbidden:             "forbidden",
	fiber.StatusServiceUnavailable:    "unavailable",
}

// errorHandler is the only place that writes error bodies.
func (h *handler) errorHandler(c *fiber.Ctx, err error) error {
	status, code, fields, vars := fiber.StatusInternalServerError, "internal", map[string]models.FieldError(nil), i18n.Vars(nil)
	var he *httpError
	var fe *fiber.Error
	if de, ok := models.AsError(err); ok {
		status, code, fields, vars = kindStatus[de.Kind], de.Code, de.Fields, de.Vars
		if de.RetryAfterSeconds > 0 {
			c.Set(fiber.HeaderRetryAfter, strconv.Itoa(de.RetryAfterSeconds))
		}
	} else if errors.As(err, &he) {
		status, code, fields = he.status, he.code, he.fields
	} else if errors.As(err, &fe) {
		status = fe.Code
		if c, ok := fiberCodes[fe.Code]; ok {
			code = c
		} else if fe.Code < 500 {
			code = "bad_request"
		}
	}
	if status == 0 {
		status = fiber.StatusInternalServerError
	}
	if status >= 500 {
		h.Log.Error("request failed", "request_id", c.Locals(localRequestID), "method", c.Method(), "route", c.Route().Path, "err", err)
		if status == fiber.StatusInternalServerError {
			code = "internal"
		}
	}
	lang := language(c)
	body := errorBody{Error: errorDetail{Code: code, Message: translateCode(lang, code, vars)}}
	if len(fields) > 0 {
		body.Error.Fields = map[string]string{}
		for name, f := range fields {
			body.Error.Fields[name] = i18n.T(lang, "field."+f.Key, f.Vars)
		}
	}
	return c.Status(status).JSON(body)
}

func translateCode(lang, code string, vars i18n.Vars) string {
	msg := i18n.T(lang, "error."+code, vars)
	if msg == "error."+code {
		return i18n.T(lang, "error.bad_request", nil)
	}
	return msg
}
