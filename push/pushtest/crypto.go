package pushtest

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/hkdf"
	"crypto/sha256"
)

// open derives the content key and nonce as RFC 8291 §3.4 says and opens
// one aes128gcm record.
func open(ciphertext []byte, priv *ecdh.PrivateKey, sender *ecdh.PublicKey, authSecret, salt []byte) ([]byte, error) {
	shared, err := priv.ECDH(sender)
	if err != nil {
		return nil, err
	}
	keyInfo := append([]byte("WebPush: info\x00"), priv.PublicKey().Bytes()...)
	keyInfo = append(keyInfo, sender.Bytes()...)
	ikm, err := hkdf.Key(sha256.New, shared, authSecret, string(keyInfo), 32)
	if err != nil {
		return nil, err
	}
	cek, err := hkdf.Key(sha256.New, ikm, salt, "Content-Encoding: aes128gcm\x00", 16)
	if err != nil {
		return nil, err
	}
	nonce, err := hkdf.Key(sha256.New, ikm, salt, "Content-Encoding: nonce\x00", 12)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(cek)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return gcm.Open(nil, nonce, ciphertext, nil)
}
