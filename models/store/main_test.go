package store_test

import (
	"os"
	"testing"

	"trappen/models/identity"
)

// TestMain makes password hashing cheap: these tests create users only as
// fixtures. models/identity's own tests keep the production cost.
func TestMain(m *testing.M) {
	identity.UseCheapPasswordHashesInTests()
	os.Exit(m.Run())
}
