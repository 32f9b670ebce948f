package api

import (
	"errors"
	"testing"

	"gorm.io/gorm"
)

// failUpdatesOf makes every UPDATE of table fail as a full disk would,
// until the test ends: a real fault in the real database path, not a mock.
func (e *env) failUpdatesOf(t *testing.T, table string) {
	t.Helper()
	name := "test:fail_" + table
	err := e.store.DB.Callback().Update().Before("gorm:update").Register(name, func(tx *gorm.DB) {
		if tx.Statement.Table == table {
			tx.AddError(errors.New("disk I/O error"))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.store.DB.Callback().Update().Remove(name) })
}

// A storage failure is the server's fault: a 500, never a 4xx that tells
// the citizen their invite code is wrong.
func TestAStorageFailureDuringActivationIsA500NotAWrongInvite(t *testing.T) {
	t.Parallel()
	eachEnv(t, func(t *testing.T, e *env) {
		cw := e.caseworker("sara@example.dk")
		code := expect(t, e.post("/api/v1/citizens", cw.Token, citizenInput("bo@example.dk")), 201).JSON(t)["invite_code"].(string)
		activate := func() resp {
			return e.post("/api/v1/auth/activate", "", map[string]string{"invite_code": code, "password": testPassword})
		}
		t.Run("the database fails: 500 internal", func(t *testing.T) {
			e.failUpdatesOf(t, "invites")
			if c := expect(t, activate(), 500).ErrorCode(t); c != "internal" {
				t.Fatalf("code %s, want internal", c)
			}
		})
		t.Run("the invite still works afterwards, once", func(t *testing.T) {
			expect(t, activate(), 200)
			if c := expect(t, activate(), 401).ErrorCode(t); c != "invalid_invite" {
				t.Fatalf("code %s, want invalid_invite", c)
			}
		})
	})
}
