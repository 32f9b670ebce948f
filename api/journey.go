package api

import (
	"encoding/json"

	"github.com/gofiber/fiber/v2"

	"trappen/models"
)

// cwAccess is the signed-in caseworker acting on the citizen in the path.
func cwAccess(c *fiber.Ctx) models.Access { return models.AsCaseworker(userID(c), c.Params("id")) }

// meAccess is the signed-in citizen acting on their own data.
func meAccess(c *fiber.Ctx) models.Access { return models.AsCitizen(userID(c)) }

// wrongType is the 422 for a field whose JSON value has the wrong type.
func wrongType(field string) error {
	return &httpError{status: fiber.StatusUnprocessableEntity, code: "validation_failed",
		fields: map[string]models.FieldError{field: {Key: "wrong_type"}}}
}

// nullableString reads a field that may be absent, null or a string:
// present=false when absent, s=nil when null.
func nullableString(field string, raw json.RawMessage) (s *string, present bool, err error) {
	if len(raw) == 0 {
		return nil, false, nil
	}
	if string(raw) == "null" {
		return nil, true, nil
	}
	var v string
	if json.Unmarshal(raw, &v) != nil {
		return nil, true, wrongType(field)
	}
	return &v, true, nil
}
