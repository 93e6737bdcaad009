// Package chat runs stored conversations: it loads a chat's state, applies one input with the
// conversation engine and stores the result, in one transaction. Both front ends (Telegram
// and the terminal) use it.
package chat

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/kassel/wegweiser/internal/conversation"
)

// Store keeps conversation state; the PostgreSQL store implements it.
type Store interface {
	Turn(ctx context.Context, chatKey string, updateID int64, fn func(state []byte) ([]byte, error)) error
}

// Runner applies inputs to stored conversations.
type Runner struct {
	Engine *conversation.Engine
	Store  Store
	secret []byte
}

// NewRunner returns a runner; secret keys the hash that stands in for chat ids in storage.
func NewRunner(e *conversation.Engine, st Store, secret []byte) *Runner {
	return &Runner{Engine: e, Store: st, secret: secret}
}

// Key returns the storage key of a chat: a keyed hash, so that the database holds no chat id.
func (r *Runner) Key(chatID int64) string {
	m := hmac.New(sha256.New, r.secret)
	m.Write([]byte("chat:" + strconv.FormatInt(chatID, 10)))
	return hex.EncodeToString(m.Sum(nil))
}

// Handle applies one input to the chat's conversation and returns what to say and the
// language to say it in. updateID (0 for none) makes a repeated update a no-op, reported as
// store.ErrDuplicateUpdate by the store.
func (r *Runner) Handle(ctx context.Context, chatKey string, updateID int64, in conversation.Input) (conversation.Output, string, error) {
	var out conversation.Output
	var lang string
	err := r.Store.Turn(ctx, chatKey, updateID, func(raw []byte) ([]byte, error) {
		var s conversation.State
		if raw != nil {
			if err := json.Unmarshal(raw, &s); err != nil {
				// A state this version cannot read is started afresh rather than failing forever.
				s = conversation.State{}
			}
		}
		next, o, err := r.Engine.Handle(ctx, s, in)
		if err != nil {
			return nil, err
		}
		out, lang = o, next.Lang
		if o.Erase {
			return nil, nil
		}
		return json.Marshal(next)
	})
	if err != nil {
		return conversation.Output{}, "", fmt.Errorf("chat: %w", err)
	}
	return out, lang, nil
}
