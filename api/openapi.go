package api

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
)

// The HTTP API describes itself: GET /api/v1/openapi.json serves an OpenAPI
// 3.1 document built from the table in openapi_routes.go. A test walks the
// app's route table and fails when a route is missing from the document or
// the document names a route that does not exist, so the two cannot drift.
// Request body schemas are read from the same Go types the handlers decode
// into, so they cannot drift either.

// apiOp describes one route. path is in Fiber's syntax (":id"), exactly as
// registered in routes.go; the document writes it as "{id}".
type apiOp struct {
	method, path string
	summary      string
	role         string // "" anonymous, roleAny any signed-in user, else the role required
	body         any    // the request body's Go type (a zero value), nil when there is none
	ok           int    // the main success status
	okType       string // the success body's media type: "" JSON, or e.g. "text/calendar"; none for 204 and 302
	errs         []int  // error statuses beyond those implied by role, path parameters and body
}

const roleAny = "any"

var errorDescriptions = map[int]string{
	400: "Malformed JSON",
	401: "No valid access token (or credential)",
	403: "The signed-in user's role may not use this collection, or the action is not theirs",
	404: "Not found, or someone else's resource",
	409: "Conflict with the current state (for example case_closed)",
	413: "Body too large",
	415: "The body is not labelled application/json",
	422: "A field is invalid; fields names each one",
	429: "Too many attempts",
	503: "The service cannot answer right now: not ready, or busy (code busy, with Retry-After: come back then)",
}

// openAPIDoc is the document as a JSON value; built once.
var openAPIDoc = sync.OnceValue(func() []byte {
	b, err := json.MarshalIndent(buildOpenAPI(apiOps), "", "  ")
	if err != nil {
		panic(fmt.Errorf("build openapi document: %w", err))
	}
	return b
})

// openAPI: GET /api/v1/openapi.json, anonymous, revalidated on every use.
// openAPIPathname is where the document is served; unlike the rest of
// /api/ it is revalidated (no-cache) and so carries an ETag.
const openAPIPathname = "/api/v1/openapi.json"

func (h *handler) openAPI(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	c.Set(fiber.HeaderCacheControl, "no-cache")
	return c.Send(openAPIDoc())
}

// openAPIPath turns Fiber's "/citizens/:id" into OpenAPI's "/citizens/{id}".
func openAPIPath(p string) (string, []string) {
	segs := strings.Split(p, "/")
	var params []string
	for i, s := range segs {
		if name, ok := strings.CutPrefix(s, ":"); ok {
			segs[i] = "{" + name + "}"
			params = append(params, name)
		}
	}
	return strings.Join(segs, "/"), params
}

type jsonObj = map[string]any

func buildOpenAPI(ops []apiOp) jsonObj {
	paths := jsonObj{}
	schemas := jsonObj{"Error": jsonObj{
		"type":     "object",
		"required": []string{"error"},
		"properties": jsonObj{"error": jsonObj{
			"type":     "object",
			"required": []string{"code", "message"},
			"properties": jsonObj{
				"code":    jsonObj{"type": "string", "description": "A stable machine-readable code, e.g. invalid_json, not_found, case_closed"},
				"message": jsonObj{"type": "string", "description": "A sentence in the user's language"},
				"fields":  jsonObj{"type": "object", "additionalProperties": jsonObj{"type": "string"}, "description": "For 422: each invalid field (weeks[0].note) and its code"},
			},
		}},
	}}
	for _, o := range ops {
		path, params := openAPIPath(o.path)
		item, _ := paths[path].(jsonObj)
		if item == nil {
			item = jsonObj{}
			paths[path] = item
		}
		item[strings.ToLower(o.method)] = operation(o, params, schemas)
	}
	errResponses := jsonObj{}
	for code, desc := range errorDescriptions {
		errResponses[fmt.Sprintf("Error%d", code)] = jsonObj{
			"description": desc,
			"content":     jsonObj{"application/json": jsonObj{"schema": jsonObj{"$ref": "#/components/schemas/Error"}}},
		}
	}
	return jsonObj{
		"openapi": "3.1.0",
		"info": jsonObj{
			"title":   "Trappen API",
			"version": "1",
			"description": "The HTTP API of Trappen. Every error answers in one format, the Error schema. " +
				"Signed-in routes take an access token as `Authorization: Bearer`; its role (citizen, caseworker, employer) " +
				"decides the routes: x-role names it for each operation.",
		},
		"paths": paths,
		"components": jsonObj{
			"schemas":         schemas,
			"responses":       errResponses,
			"securitySchemes": jsonObj{"bearer": jsonObj{"type": "http", "scheme": "bearer"}},
		},
	}
}

func operation(o apiOp, params []string, schemas jsonObj) jsonObj {
	op := jsonObj{"summary": o.summary, "operationId": operationID(o)}
	if o.role == "" {
		op["security"] = []any{}
	} else {
		op["security"] = []any{jsonObj{"bearer": []string{}}}
		op["x-role"] = o.role
	}
	if len(params) > 0 {
		ps := make([]any, 0, len(params))
		for _, p := range params {
			ps = append(ps, jsonObj{"name": p, "in": "path", "required": true, "schema": jsonObj{"type": "string"}})
		}
		op["parameters"] = ps
	}
	codes := map[int]bool{}
	for _, c := range o.errs {
		codes[c] = true
	}
	if o.role != "" {
		codes[401] = true
		if o.role != roleAny {
			codes[403] = true
		}
	}
	if len(params) > 0 {
		codes[404] = true
	}
	if strings.HasPrefix(o.path, "/api/") {
		codes[503] = true // the admission gate under overload (admission.go)
	}
	if o.body != nil {
		t := reflect.TypeOf(o.body)
		name := strings.ToUpper(t.Name()[:1]) + t.Name()[1:]
		schema := schemaOf(t)
		if prev, ok := schemas[name]; ok && !reflect.DeepEqual(prev, schema) {
			panic(fmt.Sprintf("openapi: two request types are named %s", name))
		}
		schemas[name] = schema
		op["requestBody"] = jsonObj{"required": true, "content": jsonObj{"application/json": jsonObj{"schema": jsonObj{"$ref": "#/components/schemas/" + name}}}}
		codes[400], codes[413], codes[415], codes[422] = true, true, true, true
	}
	responses := jsonObj{}
	ok := jsonObj{"description": successDescription(o.ok)}
	switch {
	case o.ok == 204 || o.ok == 302:
	case o.okType != "":
		ok["content"] = jsonObj{o.okType: jsonObj{"schema": jsonObj{"type": "string"}}}
	default:
		ok["content"] = jsonObj{"application/json": jsonObj{"schema": jsonObj{"type": []string{"object", "array"}}}}
	}
	responses[fmt.Sprint(o.ok)] = ok
	keys := make([]int, 0, len(codes))
	for c := range codes {
		keys = append(keys, c)
	}
	sort.Ints(keys)
	for _, c := range keys {
		responses[fmt.Sprint(c)] = jsonObj{"$ref": fmt.Sprintf("#/components/responses/Error%d", c)}
	}
	op["responses"] = responses
	return op
}

func successDescription(code int) string {
	switch code {
	case 201:
		return "Created"
	case 204:
		return "Done; no body"
	case 302:
		return "Redirect (Location names where to go)"
	}
	return "OK"
}

// operationID is the method and path in camel case: getCitizensIdGoals.
func operationID(o apiOp) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(o.method))
	for _, part := range strings.FieldsFunc(strings.TrimPrefix(o.path, "/api/v1"), func(r rune) bool {
		return r == '/' || r == ':' || r == '-' || r == '_' || r == '.' || r == '*'
	}) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

var rawMessage = reflect.TypeOf(json.RawMessage(nil))

// schemaOf is the JSON Schema of what encoding/json decodes into t. A
// pointer is an optional field that may be null; json.RawMessage is any value.
func schemaOf(t reflect.Type) jsonObj {
	if t == rawMessage {
		return jsonObj{}
	}
	switch t.Kind() {
	case reflect.Pointer:
		s := schemaOf(t.Elem())
		if typ, ok := s["type"].(string); ok {
			s["type"] = []string{typ, "null"}
		}
		return s
	case reflect.String:
		return jsonObj{"type": "string"}
	case reflect.Bool:
		return jsonObj{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return jsonObj{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return jsonObj{"type": "number"}
	case reflect.Slice, reflect.Array:
		return jsonObj{"type": "array", "items": schemaOf(t.Elem())}
	case reflect.Map:
		return jsonObj{"type": "object", "additionalProperties": schemaOf(t.Elem())}
	case reflect.Struct:
		props := jsonObj{}
		addFields(t, props)
		return jsonObj{"type": "object", "properties": props}
	}
	return jsonObj{}
}

func addFields(t reflect.Type, props jsonObj) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous && name == "" {
			addFields(f.Type, props)
			continue
		}
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		props[name] = schemaOf(f.Type)
	}
}
