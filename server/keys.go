package main

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"trappen/models/secretbox"
)

// loadOrCreateKey returns the secret in dir/name, creating it (mode 0600)
// on first start so tokens survive a restart. It is kept in plaintext.
func loadOrCreateKey(dir, name string) ([]byte, error) { return loadOrCreateSealedKey(dir, name, nil) }

// loadOrCreateSealedKey is loadOrCreateKey with the file encrypted by box:
// a plaintext file (from before a key was set) is sealed in place, and one
// sealed with a previous key is re-sealed with the current one.
func loadOrCreateSealedKey(dir, name string, box *secretbox.Box) ([]byte, error) {
	path := filepath.Join(dir, name)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return createKey(dir, path, box)
	}
	if err != nil {
		return nil, err
	}
	text, restore, err := box.Reveal(strings.TrimSpace(string(b)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	key, derr := base64.RawURLEncoding.DecodeString(string(text))
	if derr != nil || len(key) < 32 {
		return nil, fmt.Errorf("%s is not a valid key", path)
	}
	if restore != "" {
		if err := replaceFile(path, restore+"\n"); err != nil {
			return nil, fmt.Errorf("seal %s: %w", path, err)
		}
	}
	return key, nil
}

func createKey(dir, path string, box *secretbox.Box) ([]byte, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	stored, err := box.Store([]byte(base64.RawURLEncoding.EncodeToString(key)))
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return loadOrCreateSealedKey(dir, filepath.Base(path), box) // another process made it first
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if _, err := f.WriteString(stored + "\n"); err != nil {
		return nil, err
	}
	return key, f.Sync()
}

// replaceFile writes content to path atomically, mode 0600.
func replaceFile(path, content string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.WriteString(content); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
