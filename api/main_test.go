package api

import (
	"os"
	"testing"

	"trappen/models/identity"
)

// TestMain makes password hashing cheap for this test binary: Argon2id at
// production cost is most of the suite's CPU time, and no test here is about
// its cost (models' own tests and TestTheServerHashesPasswordsAtProductionCost
// keep the real parameters).
func TestMain(m *testing.M) {
	identity.UseCheapPasswordHashesInTests()
	os.Exit(m.Run())
}
