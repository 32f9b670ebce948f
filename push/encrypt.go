package push

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
)

// recordSize keeps records small: bigger ones (4096 is common) are what
// Firefox on Android refuses.
const recordSize = 2048

// encrypt seals payload for the device with keys p256dh and auth (base64url)
// as one aes128gcm record (RFC 8188), keyed as RFC 8291 says: a fresh
// sender key pair and salt per message.
func encrypt(payload []byte, p256dh, auth string) ([]byte, error) {
	uaPub, err := decodeKey(p256dh)
	if err != nil {
		return nil, fmt.Errorf("p256dh is not base64url")
	}
	authSecret, err := decodeKey(auth)
	if err != nil || len(authSecret) == 0 {
		return nil, fmt.Errorf("auth is not base64url")
	}
	ua, err := ecdh.P256().NewPublicKey(uaPub)
	if err != nil {
		return nil, fmt.Errorf("p256dh is not a P-256 point")
	}
	as, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	shared, err := as.ECDH(ua)
	if err != nil {
		return nil, err
	}
	asPub := as.PublicKey().Bytes()
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return nil, err
	}
	info := make([]byte, 0, 14+65+65)
	info = append(append(append(info, "WebPush: info\x00"...), uaPub...), asPub...)
	ikm, err := hkdf.Key(sha256.New, shared, authSecret, string(info), 32)
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
	// Header: salt, record size, key id (the sender's public key).
	head := make([]byte, 0, 16+4+1+len(asPub))
	head = append(head, salt...)
	head = binary.BigEndian.AppendUint32(head, recordSize)
	head = append(head, byte(len(asPub)))
	head = append(head, asPub...)
	// One record filling the whole body: the payload, the last-record
	// delimiter 0x02 and zero padding, so every message has the same length
	// and its size tells the push service nothing about what it says.
	size := recordSize - len(head) - gcm.Overhead()
	if len(payload)+1 > size {
		return nil, fmt.Errorf("payload of %d bytes does not fit one record", len(payload))
	}
	plain := make([]byte, size)
	copy(plain, payload)
	plain[len(payload)] = 2
	return gcm.Seal(head, nonce, plain, nil), nil
}
