package store

import (
	"context"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/kassel/wegweiser/internal/seal"
)

// A staff account's Telegram id reaches the person (hand-over requests, reminders, the staff
// menu), so it is kept as what must be kept to reach a person later is: sealed (AES-GCM,
// telegram_sealed), and found by a keyed hash (HMAC-SHA-256, telegram_key), both with keys
// derived from the service secret (WEGWEISER_SECRET), which the database never holds. A dump
// of the database names no staff member's Telegram account. Accounts stored before this
// (telegram_id in the clear) are sealed by SealStaffIDs, which the commands run after
// migrating.

// ErrNoSecret means the store was opened without the service secret (WithSecret), which it
// needs to read or write a staff account's Telegram id.
var ErrNoSecret = errors.New("store: a staff account's Telegram id needs WEGWEISER_SECRET")

// staffIDs keys and seals staff accounts' Telegram ids.
type staffIDs struct {
	key []byte
	box *seal.Box
}

// newStaffIDs derives the keys from secret (nil without one).
func newStaffIDs(secret []byte) (*staffIDs, error) {
	if len(secret) == 0 {
		return nil, nil
	}
	key, err := hkdf.Key(sha256.New, secret, nil, "wegweiser/staff-telegram-key", 32)
	if err != nil {
		return nil, err
	}
	box, err := seal.New(secret, "staff-telegram-id")
	if err != nil {
		return nil, err
	}
	return &staffIDs{key: key, box: box}, nil
}

// staffKey is the keyed hash a Telegram id is found by.
func (s *Store) staffKey(telegramID int64) (string, error) {
	if s.staffIDs == nil {
		return "", ErrNoSecret
	}
	m := hmac.New(sha256.New, s.staffIDs.key)
	_ = binary.Write(m, binary.BigEndian, telegramID)
	return hex.EncodeToString(m.Sum(nil)), nil
}

// sealStaffID seals a Telegram id.
func (s *Store) sealStaffID(telegramID int64) ([]byte, error) {
	if s.staffIDs == nil {
		return nil, ErrNoSecret
	}
	return s.staffIDs.box.Seal(binary.BigEndian.AppendUint64(nil, uint64(telegramID))), nil
}

// openStaffID opens a sealed Telegram id; nil (an account whose id was forgotten) is 0.
func (s *Store) openStaffID(sealed []byte) (int64, error) {
	if sealed == nil {
		return 0, nil
	}
	if s.staffIDs == nil {
		return 0, ErrNoSecret
	}
	plain, err := s.staffIDs.box.Open(sealed)
	if err != nil || len(plain) != 8 {
		return 0, fmt.Errorf("store: a staff account's Telegram id cannot be opened (another WEGWEISER_SECRET?): %w", seal.ErrOpen)
	}
	return int64(binary.BigEndian.Uint64(plain)), nil
}

// SealStaffIDs seals the Telegram ids still stored in the clear (accounts made before
// migration 00020) and returns how many. It is safe to run any number of times, on several
// processes at once.
func (s *Store) SealStaffIDs(ctx context.Context) (int, error) {
	var rows []struct {
		ID         int64 `db:"id"`
		TelegramID int64 `db:"telegram_id"`
	}
	if err := s.db.SelectContext(ctx, &rows, `SELECT id, telegram_id FROM staff WHERE telegram_id IS NOT NULL`); err != nil {
		return 0, fmt.Errorf("store: seal staff ids: %w", err)
	}
	n := 0
	for _, r := range rows {
		key, err := s.staffKey(r.TelegramID)
		if err != nil {
			return n, err
		}
		sealed, err := s.sealStaffID(r.TelegramID)
		if err != nil {
			return n, err
		}
		res, err := s.db.ExecContext(ctx, `UPDATE staff SET telegram_key = $2, telegram_sealed = $3, telegram_id = NULL
			WHERE id = $1 AND telegram_id = $4`, r.ID, key, sealed, r.TelegramID)
		if err != nil {
			return n, fmt.Errorf("store: seal staff ids: %w", err)
		}
		if k, _ := res.RowsAffected(); k > 0 {
			n++
		}
	}
	return n, nil
}
