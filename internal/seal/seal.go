// Package seal encrypts what must be kept to reach a person later (a chat id in a message
// waiting to be sent, an update waiting to be handled) with AES-256-GCM. The key is derived
// from the service secret with HKDF-SHA256, one key per purpose, so that a database dump
// holds no chat id and no message in the clear.
package seal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
)

// Box seals and opens data for one purpose.
type Box struct {
	aead cipher.AEAD
}

// New derives the key for purpose ("outbox", "inbox", ...) from secret.
func New(secret []byte, purpose string) (*Box, error) {
	if len(secret) == 0 {
		return nil, errors.New("seal: no secret")
	}
	key, err := hkdf.Key(sha256.New, secret, nil, "wegweiser/"+purpose, 32)
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	return &Box{aead: aead}, nil
}

// Seal encrypts plain; the random nonce leads the result.
func (b *Box) Seal(plain []byte) []byte { return b.SealFor(plain, nil) }

// SealFor encrypts plain bound to what it belongs to (its row's key, say): it opens only
// with the same (OpenFor), so that it cannot be moved to another row unnoticed.
func (b *Box) SealFor(plain, owner []byte) []byte {
	nonce := make([]byte, b.aead.NonceSize(), b.aead.NonceSize()+len(plain)+b.aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		panic("seal: no randomness: " + err.Error())
	}
	return b.aead.Seal(nonce, nonce, plain, owner)
}

// ErrOpen means sealed data was altered, or sealed with another secret or purpose.
var ErrOpen = errors.New("seal: cannot open: altered, or sealed with another key")

// Open decrypts what Seal made.
func (b *Box) Open(sealed []byte) ([]byte, error) { return b.OpenFor(sealed, nil) }

// OpenFor decrypts what SealFor made for owner.
func (b *Box) OpenFor(sealed, owner []byte) ([]byte, error) {
	n := b.aead.NonceSize()
	if len(sealed) < n+b.aead.Overhead() {
		return nil, ErrOpen
	}
	plain, err := b.aead.Open(nil, sealed[:n], sealed[n:], owner)
	if err != nil {
		return nil, ErrOpen
	}
	return plain, nil
}
