package secretbox

import (
	"errors"
	"strings"
	"testing"
)

var (
	oldKey = []byte("an old secret key of at least thirty-two bytes")
	newKey = []byte("a new secret key of at least thirty-two bytes!!")
)

func TestASealedValueOpensOnlyWithItsKey(t *testing.T) {
	t.Parallel()
	b, _ := New(oldKey)
	sealed, err := b.Seal([]byte("vapid private key"))
	if err != nil || !IsSealed(sealed) || strings.Contains(sealed, "vapid") {
		t.Fatalf("sealed = %q (%v)", sealed, err)
	}
	if plain, current, err := b.Open(sealed); err != nil || !current || string(plain) != "vapid private key" {
		t.Fatalf("open = %q %v %v", plain, current, err)
	}
	other, _ := New(newKey)
	if _, _, err := other.Open(sealed); err == nil {
		t.Fatal("another key opened the value")
	}
	var none *Box
	if _, _, err := none.Open(sealed); !errors.Is(err, ErrNoKey) {
		t.Fatalf("without a key: %v", err)
	}
	if _, err := New([]byte("short")); err == nil {
		t.Fatal("a short secret was accepted")
	}
}

func TestRevealSealsPlaintextAndRotatesOldKeys(t *testing.T) {
	t.Parallel()
	var none *Box
	if plain, restore, err := none.Reveal("plain"); err != nil || string(plain) != "plain" || restore != "" {
		t.Fatalf("no key: %q %q %v", plain, restore, err)
	}
	old, _ := New(oldKey)
	plain, restore, err := old.Reveal("plain")
	if err != nil || string(plain) != "plain" || !IsSealed(restore) {
		t.Fatalf("first key: %q %q %v", plain, restore, err)
	}
	if _, again, _ := old.Reveal(restore); again != "" {
		t.Fatal("a value sealed with the current key was sealed again")
	}
	rotated, _ := New(newKey, oldKey)
	plain, next, err := rotated.Reveal(restore)
	if err != nil || string(plain) != "plain" || next == "" {
		t.Fatalf("rotation: %q %q %v", plain, next, err)
	}
	onlyNew, _ := New(newKey)
	if p, _, err := onlyNew.Open(next); err != nil || string(p) != "plain" {
		t.Fatalf("re-sealed value does not open with the new key alone: %v", err)
	}
}
