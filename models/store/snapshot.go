package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

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

// decodeRows decodes a JSON array of rows (as jsonArrayOf) into into (*[]T).
func decodeRows(sch *schema.Schema, only []string, raw []byte, into any) error {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var rows [][]any
	if err := d.Decode(&rows); err != nil {
		return fmt.Errorf("decode %s: %w", sch.Name, err)
	}
	cols := columnsOf(sch, only)
	slice := reflect.ValueOf(into).Elem()
	out := reflect.MakeSlice(slice.Type(), len(rows), len(rows))
	for i, vals := range rows {
		if len(vals) != len(cols) {
			return fmt.Errorf("decode %s: %d columns, want %d", sch.Name, len(vals), len(cols))
		}
		for j, f := range cols {
			if vals[j] == nil {
				continue
			}
			if err := setColumn(out.Index(i).FieldByIndex(f.StructField.Index), f, vals[j]); err != nil {
				return fmt.Errorf("decode %s.%s: %w", sch.Table, f.DBName, err)
			}
		}
	}
	slice.Set(out)
	return nil
}

var timeType = reflect.TypeOf(time.Time{})

// setColumn stores one JSON value in a field, as a driver would have: times
// come as text, booleans as true/false (PostgreSQL) or 1/0 (SQLite).
func setColumn(fv reflect.Value, f *schema.Field, v any) error {
	if fv.Kind() == reflect.Pointer {
		p := reflect.New(fv.Type().Elem())
		if err := setColumn(p.Elem(), f, v); err != nil {
			return err
		}
		fv.Set(p)
		return nil
	}
	if f.Serializer != nil { // JSON kept as text, e.g. a meeting's participants
		s, _ := v.(string)
		return json.Unmarshal([]byte(s), fv.Addr().Interface())
	}
	if fv.Type() == timeType {
		s, _ := v.(string)
		t, err := parseDBTime(s)
		fv.Set(reflect.ValueOf(t))
		return err
	}
	n, isNumber := v.(json.Number)
	switch fv.Kind() {
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("not text: %v", v)
		}
		fv.SetString(s)
	case reflect.Bool:
		b, ok := v.(bool)
		if isNumber {
			b, ok = n.String() != "0", true
		}
		if !ok {
			return fmt.Errorf("not a boolean: %v", v)
		}
		fv.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := n.Int64()
		if !isNumber || err != nil {
			return fmt.Errorf("not an integer: %v", v)
		}
		fv.SetInt(i)
	case reflect.Float32, reflect.Float64:
		x, err := n.Float64()
		if !isNumber || err != nil {
			return fmt.Errorf("not a number: %v", v)
		}
		fv.SetFloat(x)
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
