package identity

import (
	"strings"

	"trappen/models"
)

// EmailFailureKey is the key failed sign-ins with email are counted under,
// so erasing a person (store.erasePerson) can delete those counts too; the
// counts per e-mail and client address use keys that start with it and "/".
func EmailFailureKey(email string) string {
	return rateKey("email", strings.ToLower(models.NormalizeEmail(email)))
}
