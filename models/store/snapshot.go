package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-json-experiment/json/jsontext"
	"gorm.io/gorm"
	"gorm.io/gorm/schema"

	"trappen/models/sqldb"
)

// rowSet is one list of rows read by readSnapshot, into a *[]T: the rows
// of table matching where, in order and up to limit (0: all); or, when
// query is set, its rows (it returns every column of T). cols, when set,
// are the only columns read (the others stay zero): on SQLite every column
// costs parsing on every call.
type rowSet struct {
	table, where, order string
	limit               int
	query               string
	cols                []string
	into                any
}

// readSnapshot reads several lists of rows in few statements, so a screen
// made of many small facts costs few round trips (issue 13): each list
// comes back as a JSON array in its own column and is decoded into its
// slice with the same column mapping GORM uses. PostgreSQL reads them all
// in one statement (the text is built once per name, so pgx's statement
// cache prepares it once per connection). The SQLite driver parses a statement on
// every call, and a program of more than a few hundred steps grows its
// memory through mmap; there the lists go in statements of at most
// sqliteSetsPerStatement (measured: three mid-size statements cost less
// CPU than one large one).
func readSnapshot(db *gorm.DB, dialect sqldb.Dialect, name string, args map[string]any, sets ...rowSet) error {
	per := len(sets)
	if dialect == sqldb.SQLite {
		per = sqliteSetsPerStatement
	}
	for i := 0; i < len(sets); i += per {
		part := sets[i:min(i+per, len(sets))]
		if err := readSets(db, dialect, fmt.Sprintf("%s/%d", name, i), args, part); err != nil {
			return err
		}
	}
	return nil
}

const sqliteSetsPerStatement = 5

func readSets(db *gorm.DB, dialect sqldb.Dialect, name string, args map[string]any, sets []rowSet) error {
	schemas := make([]*schema.Schema, len(sets))
	for i, set := range sets {
		stmt := &gorm.Statement{DB: db}
		if err := stmt.Parse(set.into); err != nil {
			return fmt.Errorf("read snapshot: %w", err)
		}
		schemas[i] = stmt.Schema
	}
	key := string(dialect) + "/" + name
	query, ok := snapshotSQL.Load(key)
	if !ok {
		cols := make([]string, len(sets))
		for i, set := range sets {
			cols[i] = jsonArrayOf(dialect, schemas[i], set)
		}
		query, _ = snapshotSQL.LoadOrStore(key, "SELECT "+strings.Join(cols, ", "))
	}
	raw := make([][]byte, len(sets))
	dest := make([]any, len(sets))
	for i := range raw {
		dest[i] = &raw[i]
	}
	row := db.Raw(query.(string), args).Row()
	if err := row.Scan(dest...); err != nil {
		return fmt.Errorf("read snapshot: %w", err)
	}
	for i, set := range sets {
		if err := decodeRows(schemas[i], set.cols, raw[i], set.into); err != nil {
			return fmt.Errorf("read snapshot: %w", err)
		}
	}
	return nil
}

// snapshotSQL holds each snapshot statement by dialect and name.
var snapshotSQL sync.Map

// jsonArrayOf is the scalar subquery that returns set's rows as a JSON
// array of rows, each an array of T's columns in field order (shorter to
// build than objects: SQLite parses the statement on every call). SQLite
// keeps the order of an ordered inner query (it is not flattened into an
// aggregate); PostgreSQL is told the order.
func jsonArrayOf(dialect sqldb.Dialect, sch *schema.Schema, set rowSet) string {
	cols, names := []string{}, []string{}
	for _, f := range columnsOf(sch, set.cols) {
		cols, names = append(cols, "t."+f.DBName), append(names, f.DBName)
	}
	agg, row, order := "json_group_array(json_array(", "))", ""
	if dialect == sqldb.Postgres {
		if set.order != "" {
			order = " ORDER BY " + set.order
		}
		agg, row = "COALESCE(json_agg(json_build_array(", ")"+order+"), '[]')"
	}
	from := set.table + " t WHERE " + set.where
	switch {
	case set.query != "":
		from = "(" + set.query + ") t"
	case set.order != "" || set.limit > 0:
		inner := "SELECT " + strings.Join(names, ", ") + " FROM " + set.table
		if dialect == sqldb.Postgres { // the aggregate's ORDER BY reads t
			inner = "SELECT * FROM " + set.table
		}
		inner += " WHERE " + set.where + " ORDER BY " + set.order
		if set.limit > 0 {
			inner += " LIMIT " + strconv.Itoa(set.limit)
		}
		from = "(" + inner + ") t"
	}
	return "(SELECT " + agg + strings.Join(cols, ", ") + row + " FROM " + from + ")"
}

// columnsOf is the fields read: only is the columns asked for (all: nil).
func columnsOf(sch *schema.Schema, only []string) []*schema.Field {
	out := []*schema.Field{}
	for _, f := range sch.Fields {
		if f.DBName != "" && (only == nil || slices.Contains(only, f.DBName)) {
			out = append(out, f)
		}
	}
	return out
}

// decodeRows decodes a JSON array of rows (as jsonArrayOf) into into (*[]T),
// token by token into the fields (issue 13: decoding into [][]any first
// was a tenth of the server's CPU on the load test's mix).
func decodeRows(sch *schema.Schema, only []string, raw []byte, into any) error {
	cols := columnsOf(sch, only)
	slice := reflect.ValueOf(into).Elem()
	out := reflect.MakeSlice(slice.Type(), 0, 4)
	zero := reflect.Zero(slice.Type().Elem())
	d := jsontext.NewDecoder(bytes.NewReader(raw))
	if err := readDelim(d, '['); err != nil {
		return fmt.Errorf("decode %s: %w", sch.Name, err)
	}
	for d.PeekKind() == '[' {
		if err := readDelim(d, '['); err != nil {
			return fmt.Errorf("decode %s: %w", sch.Name, err)
		}
		out = reflect.Append(out, zero)
		row := out.Index(out.Len() - 1)
		n := 0
		for ; d.PeekKind() != ']'; n++ {
			if n >= len(cols) {
				return fmt.Errorf("decode %s: more than %d columns", sch.Name, len(cols))
			}
			if err := setColumn(d, row.FieldByIndex(cols[n].StructField.Index), cols[n]); err != nil {
				return fmt.Errorf("decode %s.%s: %w", sch.Table, cols[n].DBName, err)
			}
		}
		if err := readDelim(d, ']'); err != nil || n != len(cols) {
			return fmt.Errorf("decode %s: %d columns, want %d (%v)", sch.Name, n, len(cols), err)
		}
	}
	if err := readDelim(d, ']'); err != nil {
		return fmt.Errorf("decode %s: %w", sch.Name, err)
	}
	slice.Set(out)
	return nil
}

// readDelim reads the array delimiter want ('[' or ']').
func readDelim(d *jsontext.Decoder, want jsontext.Kind) error {
	tok, err := d.ReadToken()
	if err != nil {
		return err
	}
	if tok.Kind() != want {
		return fmt.Errorf("%v where %v was expected", tok.Kind(), want)
	}
	return nil
}

var timeType = reflect.TypeOf(time.Time{})

// setColumn reads one JSON value into a field, as a driver would have: times
// come as text, booleans as true/false (PostgreSQL) or 1/0 (SQLite). A null
// leaves the field zero (a nil pointer).
func setColumn(d *jsontext.Decoder, fv reflect.Value, f *schema.Field) error {
	tok, err := d.ReadToken()
	if err != nil {
		return err
	}
	kind := tok.Kind()
	if kind == 'n' {
		return nil
	}
	if kind == '[' || kind == '{' {
		return fmt.Errorf("not a column value: %v", kind)
	}
	if fv.Kind() == reflect.Pointer {
		p := reflect.New(fv.Type().Elem())
		fv.Set(p)
		fv = p.Elem()
	}
	switch {
	case f.Serializer != nil: // JSON kept as text, e.g. a meeting's participants
		if kind != '"' {
			return fmt.Errorf("not text: %v", kind)
		}
		return json.Unmarshal([]byte(tok.String()), fv.Addr().Interface())
	case fv.Type() == timeType:
		if kind != '"' {
			return fmt.Errorf("not a time: %v", kind)
		}
		t, err := parseDBTime(tok.String())
		fv.Set(reflect.ValueOf(t))
		return err
	}
	switch fv.Kind() {
	case reflect.String:
		if kind != '"' {
			return fmt.Errorf("not text: %v", kind)
		}
		fv.SetString(tok.String())
	case reflect.Bool:
		switch kind {
		case 't', 'f':
			fv.SetBool(tok.Bool())
		case '0':
			fv.SetBool(tok.Float() != 0)
		default:
			return fmt.Errorf("not a boolean: %v", kind)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		x := tok.Float()
		if kind != '0' || x != math.Trunc(x) {
			return fmt.Errorf("not an integer: %s", tok.String())
		}
		fv.SetInt(tok.Int())
	case reflect.Float32, reflect.Float64:
		if kind != '0' {
			return fmt.Errorf("not a number: %v", kind)
		}
		fv.SetFloat(tok.Float())
	default:
		return fmt.Errorf("unsupported field type %s", fv.Type())
	}
	return nil
}

// dbTimeLayouts are the ways a time reaches JSON: PostgreSQL's ISO 8601 and
// the SQLite driver's text (time.Time.String, its default).
var dbTimeLayouts = []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999 -0700 MST",
	"2006-01-02 15:04:05.999999999-07:00", "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999"}

func parseDBTime(s string) (time.Time, error) {
	if i := strings.Index(s, " m="); i >= 0 { // a monotonic reading written by time.String
		s = s[:i]
	}
	for _, layout := range dbTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not a time: %q", s)
}
