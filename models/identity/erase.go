package identity

import (
	"strings"

	"trappen/models"
)

// EmailFailureKey is the key failed sign-ins with email are counted under,
// so erasing a person (store.erasePerson) can delete those counts too.
func EmailFailureKey(email string) string {
	return rateKey("email", strings.ToLower(models.NormalizeEmail(email)))
}
