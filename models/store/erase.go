package store

import (
	"fmt"
	"sort"
	"strings"

	"gorm.io/gorm"

	"trappen/models/identity"
	"trappen/models/sqldb"
)

// Erasing a person is generic on purpose: it reads the database catalog and
// deletes, in every table, the rows whose personColumns name the person, so a
// table added later is covered without touching this file. A new table that
// refers to a person under another column name, or whose rows hang off a
// person's row, must use ON DELETE CASCADE (the erase test finds any trace).

// personColumns are the columns that hold a person's id.
var personColumns = []string{"citizen_id", "user_id"}

// personTables are deleted last, in this order (the rest cascade from them).
var personTables = []string{"citizens", "users"}

// erasePerson deletes everything about the person with id: their rows in
// every table that names them, their login failure counts, then their
// citizen row and their account.
func (s *Store) erasePerson(tx *gorm.DB, id string) error {
	if err := s.eraseTraces(tx, id); err != nil {
		return err
	}
	for _, t := range personTables {
		if err := tx.Exec(fmt.Sprintf("DELETE FROM %s WHERE id = ?", t), id).Error; err != nil {
			return fmt.Errorf("erase person from %s: %w", t, err)
		}
	}
	return nil
}

// eraseTraces deletes the person's rows in every table that names them and
// their login failure counts, but not the citizen row or the account.
func (s *Store) eraseTraces(tx *gorm.DB, id string) error {
	var email string
	if err := tx.Table("users").Select("email").Where("id = ?", id).Scan(&email).Error; err != nil {
		return fmt.Errorf("erase person: %w", err)
	}
	cols, err := catalog(tx, s.Dialect)
	if err != nil {
		return fmt.Errorf("erase person: %w", err)
	}
	for _, t := range sortedTables(cols) {
		for _, col := range personColumns {
			if !hasColumn(cols[t], col) || isPersonTable(t) {
				continue
			}
			if err := tx.Exec(fmt.Sprintf("DELETE FROM %s WHERE %s = ?", quoteIdent(t), col), id).Error; err != nil {
				return fmt.Errorf("erase person from %s: %w", t, err)
			}
		}
	}
	if email != "" {
		// The e-mail's failed sign-ins are counted under a hash of it.
		key := identity.EmailFailureKey(email)
		if err := tx.Exec("DELETE FROM login_failures WHERE key_hash = ? OR key_hash LIKE ?", key, key+"/%").Error; err != nil {
			return fmt.Errorf("erase person: login failures: %w", err)
		}
	}
	return nil
}

// Catalog lists every table of the database with its columns (for the
// erase and its test).
func (s *Store) Catalog(tx *gorm.DB) (map[string][]string, error) { return catalog(tx, s.Dialect) }

func catalog(tx *gorm.DB, d sqldb.Dialect) (map[string][]string, error) {
	var rows []struct{ TableName, ColumnName string }
	var err error
	if d == sqldb.Postgres {
		err = tx.Raw(`SELECT table_name, column_name FROM information_schema.columns
			WHERE table_schema = current_schema()`).Scan(&rows).Error
	} else {
		err = tx.Raw(`SELECT m.name AS table_name, p.name AS column_name
			FROM sqlite_master m JOIN pragma_table_info(m.name) p
			WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`).Scan(&rows).Error
	}
	if err != nil {
		return nil, fmt.Errorf("read catalog: %w", err)
	}
	out := map[string][]string{}
	for _, r := range rows {
		out[r.TableName] = append(out[r.TableName], r.ColumnName)
	}
	return out, nil
}

func sortedTables(cols map[string][]string) []string {
	out := make([]string, 0, len(cols))
	for t := range cols {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

func hasColumn(cols []string, name string) bool {
	for _, c := range cols {
		if c == name {
			return true
		}
	}
	return false
}

func isPersonTable(t string) bool {
	for _, p := range personTables {
		if p == t {
			return true
		}
	}
	return false
}

// quoteIdent quotes a catalog name for SQL (both engines use double quotes).
func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }
