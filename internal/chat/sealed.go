package chat

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"

	"github.com/kassel/wegweiser/internal/seal"
	"github.com/kassel/wegweiser/internal/store"
)

// StatePurpose is the purpose conversation states are sealed under (seal.New).
const StatePurpose = "state"

// envelope is a chat's state as it is stored: the answers (age, topic, place, the hand-over's
// threads) sealed, and in the clear only what the database itself must read: the language
// (messages the bot starts itself, such as a reopened office's notice or a hand-over's
// reminder, are written in it) and the statistics' conversation id (the daily job keeps the
// events of a conversation that goes on linked). A state stored before sealing is read as it
// is, and sealed at the next start (SealStored) or by the chat's next turn.
type envelope struct {
	Lang   string `json:"lang,omitempty"`
	Conv   string `json:"conv,omitempty"`
	Sealed []byte `json:"sealed,omitempty"`
}

// errUnsealed means a sealed state met a runner without the key to open it.
var errUnsealed = errors.New("chat: a sealed state and no secret to open it")

// encodeState is st as stored: sealed for its chat in an envelope when the runner has a
// secret (a sealed state moved to another chat's row does not open there). A state
// that a turn left as it was read (read, its stored form, opened as readPlain) is stored as
// it was: the same bytes, not sealed again.
func (r *Runner) encodeState(chatKey string, st stored, read, readPlain []byte) ([]byte, error) {
	plain, err := json.Marshal(st)
	if err != nil || r.stateBox == nil {
		return plain, err
	}
	if read != nil && bytes.Equal(plain, readPlain) {
		return read, nil
	}
	return json.Marshal(envelope{Lang: st.Lang, Conv: st.Conv, Sealed: r.stateBox.SealFor(plain, stateOwner(chatKey))})
}

// decodeState reads a stored state (an envelope, or a state stored before sealing), and
// returns it with its plain form.
func (r *Runner) decodeState(chatKey string, b []byte) (stored, []byte, error) {
	var env envelope
	if err := json.Unmarshal(b, &env); err != nil {
		return stored{}, nil, err
	}
	plain := b
	if env.Sealed != nil {
		if r.stateBox == nil {
			return stored{}, nil, errUnsealed
		}
		var err error
		if plain, err = r.stateBox.OpenFor(env.Sealed, stateOwner(chatKey)); err != nil {
			return stored{}, nil, err
		}
	}
	var st stored
	err := json.Unmarshal(plain, &st)
	return st, plain, err
}

// stateOwner is what a chat's sealed state is bound to.
func stateOwner(chatKey string) []byte { return []byte("chat:" + chatKey) }

// stateBox derives the states' key from secret; nil (states in the clear) without one, as in
// tests of the conversation alone.
func stateBox(secret []byte) *seal.Box {
	box, err := seal.New(secret, StatePurpose)
	if err != nil {
		return nil
	}
	return box
}

// StateStore holds the states SealStored seals; the PostgreSQL store implements it.
type StateStore interface {
	UnsealedStates(ctx context.Context, after string, n int) ([]store.StoredState, error)
	ReplaceState(ctx context.Context, chatKey string, version int64, state []byte) (bool, error)
}

// SealStored seals the states an earlier version stored in the clear, a batch at a time, and
// says how many it sealed; serve and console run it at their start. A state a turn writes in
// the meantime is left to that turn, which seals it; one that cannot be read is left to the
// chat's next turn, which starts afresh. Without a secret nothing is sealed.
func (r *Runner) SealStored(ctx context.Context, st StateStore) (int, error) {
	if r.stateBox == nil {
		return 0, nil
	}
	n, after := 0, ""
	for {
		rows, err := st.UnsealedStates(ctx, after, 500)
		if err != nil || len(rows) == 0 {
			return n, err
		}
		for _, row := range rows {
			after = row.ChatKey
			s, plain, err := r.decodeState(row.ChatKey, row.State)
			if err != nil {
				continue
			}
			sealed, err := r.encodeState(row.ChatKey, s, nil, plain)
			if err != nil {
				return n, err
			}
			ok, err := st.ReplaceState(ctx, row.ChatKey, row.Version, sealed)
			if err != nil {
				return n, err
			}
			if ok {
				n++
			}
		}
	}
}
