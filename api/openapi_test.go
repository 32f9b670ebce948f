package api

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// documentedRoutes is the route table minus the catch-alls (unknown API
// paths and the web app), which are not part of the API.
func documentedRoutes(e *env) []string {
	var out []string
	for _, r := range routeTable(e) {
		if !strings.HasSuffix(r, "/*") {
			out = append(out, r)
		}
	}
	return out
}

// TestOpenAPIMatchesRoutes: every route is in the document and every route
// in the document exists, with the security the route really has.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		ops := map[string]apiOp{}
		for _, o := range apiOps {
			k := o.method + " " + o.path
			if _, dup := ops[k]; dup {
				t.Errorf("apiOps in api/openapi_routes.go lists %s twice: remove one", k)
			}
			ops[k] = o
		}
		real := map[string]bool{}
		for _, r := range documentedRoutes(e) {
			real[r] = true
			o, ok := ops[r]
			if !ok {
				method, path, _ := strings.Cut(r, " ")
				t.Errorf("route %s is not in the OpenAPI document: add\n\t{method: %q, path: %q, summary: \"…\", role: …, body: …, ok: …},\nto apiOps in api/openapi_routes.go", r, method, path)
				continue
			}
			if anon := isAnonymous(r); anon != (o.role == "") {
				t.Errorf("%s: the route is anonymous=%v but apiOps says role %q: fix the entry in api/openapi_routes.go", r, anon, o.role)
			}
			if anyRoleRoutes[r] != (o.role == roleAny) {
				t.Errorf("%s: apiOps says role %q, but any signed-in user=%v: fix the entry in api/openapi_routes.go", r, o.role, anyRoleRoutes[r])
			}
			if role, _, ok := roleOf(r); ok && !anyRoleRoutes[r] && !isAnonymous(r) && role != o.role {
				t.Errorf("%s needs role %q but apiOps says %q: fix the entry in api/openapi_routes.go", r, role, o.role)
			}
		}
		keys := make([]string, 0, len(ops))
		for k := range ops {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if !real[k] {
				t.Errorf("the OpenAPI document lists %s, which api/routes.go does not register: remove it from apiOps in api/openapi_routes.go (or register the route)", k)
			}
		}
	})
}

// TestOpenAPIServed: the document is served anonymously, revalidated, as
// JSON, and is well-formed OpenAPI 3.1.
func TestOpenAPIServed(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		r := e.get("/api/v1/openapi.json", "")
		expect(t, r, 200)
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("Content-Type %q, want application/json", ct)
		}
		if cc := r.Header.Get("Cache-Control"); cc != "no-cache" {
			t.Errorf("Cache-Control %q, want no-cache", cc)
		}
		if r.Header.Get("ETag") == "" {
			t.Error("no ETag: a client revalidating the document would fetch it whole every time")
		}
		var doc map[string]any
		if err := json.Unmarshal(r.Body, &doc); err != nil {
			t.Fatalf("not JSON: %v", err)
		}
		for _, p := range checkOpenAPI(doc) {
			t.Error(p)
		}
		if len(doc["paths"].(map[string]any)) == 0 {
			t.Fatal("no paths")
		}
	})
}

// TestOpenAPIBodies: a write's body schema is read from the handler's Go
// type, and the error format is the shared component.
func TestOpenAPIBodies(t *testing.T) {
	t.Parallel()
	doc := buildOpenAPI(apiOps)
	var m map[string]any
	b, _ := json.Marshal(doc)
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	schemas := dig(m, "components", "schemas")
	props := dig(schemas, "CreateCitizenRequest", "properties")
	for _, f := range []string{"name", "email", "first_sick_day", "category", "expected_weeks", "employment"} {
		if _, ok := props[f]; !ok {
			t.Errorf("CreateCitizenRequest lacks %s: %v", f, props)
		}
	}
	if typ := fmt.Sprint(dig(props, "expected_weeks")["type"]); typ != "[integer null]" {
		t.Errorf("expected_weeks (a *int) is %s, want integer or null", typ)
	}
	if _, ok := dig(schemas, "PlanRequest", "properties", "weeks", "items", "properties", "hours", "properties")["mon"]; !ok {
		t.Error("PlanRequest does not describe weeks[].hours.mon")
	}
	errProps := dig(schemas, "Error", "properties", "error", "properties")
	for _, f := range []string{"code", "message", "fields"} {
		if _, ok := errProps[f]; !ok {
			t.Errorf("the Error schema lacks error.%s", f)
		}
	}
	post := dig(m, "paths", "/api/v1/citizens/{id}/goals", "post")
	if ref := dig(post, "requestBody", "content", "application/json", "schema")["$ref"]; ref != "#/components/schemas/GoalRequest" {
		t.Errorf("POST /citizens/{id}/goals body is %v", ref)
	}
	for _, code := range []string{"201", "401", "403", "404", "422"} {
		if _, ok := dig(post, "responses")[code]; !ok {
			t.Errorf("POST /citizens/{id}/goals lacks response %s", code)
		}
	}
}

func dig(m map[string]any, keys ...string) map[string]any {
	for _, k := range keys {
		next, _ := m[k].(map[string]any)
		m = next
	}
	return m
}

var (
	httpMethods  = map[string]bool{"get": true, "put": true, "post": true, "delete": true, "options": true, "head": true, "patch": true, "trace": true}
	statusKey    = regexp.MustCompile(`^([1-5][0-9][0-9]|[1-5]XX|default)$`)
	templateName = regexp.MustCompile(`\{([^}]+)\}`)
)

// checkOpenAPI lists what makes doc not a structurally valid OpenAPI 3.1
// document: the required fields, path templates matching their parameters,
// operations with responses, unique operation ids and every $ref resolving.
func checkOpenAPI(doc map[string]any) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if doc["openapi"] != "3.1.0" {
		bad("openapi is %v, want 3.1.0", doc["openapi"])
	}
	info, _ := doc["info"].(map[string]any)
	if s, _ := info["title"].(string); s == "" {
		bad("info.title missing")
	}
	if s, _ := info["version"].(string); s == "" {
		bad("info.version missing")
	}
	schemes := dig(doc, "components", "securitySchemes")
	paths, ok := doc["paths"].(map[string]any)
	if !ok {
		return append(problems, "paths missing")
	}
	ids := map[string]string{}
	for path, v := range paths {
		if !strings.HasPrefix(path, "/") || strings.Contains(path, ":") {
			bad("path %q must start with / and use {param}", path)
		}
		item, _ := v.(map[string]any)
		for method, v := range item {
			where := strings.ToUpper(method) + " " + path
			if !httpMethods[method] {
				bad("%s: %q is not an HTTP method", path, method)
				continue
			}
			op, _ := v.(map[string]any)
			if id, _ := op["operationId"].(string); id == "" {
				bad("%s: no operationId", where)
			} else if other, dup := ids[id]; dup {
				bad("%s and %s share operationId %s", where, other, id)
			} else {
				ids[id] = where
			}
			if s, _ := op["summary"].(string); s == "" {
				bad("%s: no summary", where)
			}
			declared := map[string]bool{}
			params, _ := op["parameters"].([]any)
			for _, p := range params {
				p, _ := p.(map[string]any)
				if p["in"] == "path" {
					declared[fmt.Sprint(p["name"])] = true
					if p["required"] != true {
						bad("%s: path parameter %v must be required", where, p["name"])
					}
				}
			}
			for _, m := range templateName.FindAllStringSubmatch(path, -1) {
				if !declared[m[1]] {
					bad("%s: {%s} is not declared as a path parameter", where, m[1])
				}
				delete(declared, m[1])
			}
			for name := range declared {
				bad("%s: path parameter %s is not in the path", where, name)
			}
			responses, _ := op["responses"].(map[string]any)
			if len(responses) == 0 {
				bad("%s: no responses", where)
			}
			for code, r := range responses {
				r, _ := r.(map[string]any)
				if !statusKey.MatchString(code) {
					bad("%s: response key %q is not a status code", where, code)
				}
				if _, ref := r["$ref"]; !ref {
					if d, _ := r["description"].(string); d == "" {
						bad("%s: response %s has no description", where, code)
					}
				}
			}
			sec, ok := op["security"].([]any)
			if !ok {
				bad("%s: security not stated (use [] for none)", where)
			}
			for _, req := range sec {
				for name := range req.(map[string]any) {
					if _, ok := schemes[name]; !ok {
						bad("%s: security scheme %s is not defined", where, name)
					}
				}
			}
		}
	}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if ref, ok := x["$ref"].(string); ok && !refResolves(doc, ref) {
				bad("$ref %s does not resolve", ref)
			}
			for _, c := range x {
				walk(c)
			}
		case []any:
			for _, c := range x {
				walk(c)
			}
		}
	}
	walk(doc)
	return problems
}

func refResolves(doc map[string]any, ref string) bool {
	rest, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return false
	}
	var cur any = doc
	for _, k := range strings.Split(rest, "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return false
		}
		if cur, ok = m[k]; !ok {
			return false
		}
	}
	return true
}
