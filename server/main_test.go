package main

import (
	"os"
	"testing"

	"trappen/models/identity"
)

// TestMain ends the browser tests' shared Chromium after the tests, and makes password hashing cheap for this test binary: Argon2id at
// production cost was most of the suite's CPU time, and no test here is
// about its cost. models/identity's own tests keep the real parameters, and
// TestTheServerHashesPasswordsAtProductionCost proves the server does.
func TestMain(m *testing.M) {
	identity.UseCheapPasswordHashesInTests()
	code := m.Run()
	closeSharedChromium()
	os.Exit(code)
}
