// Package chat runs stored conversations: it loads a chat's state, applies one input with the
// conversation engine and stores the result, in one transaction. Both front ends (Telegram
// and the terminal) use it.
package chat

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/store"
)

// Store keeps conversation state and finds staff accounts; the PostgreSQL store implements it.
type Store interface {
	Turn(ctx context.Context, chatKey string, updateID int64, fn func(state []byte) ([]byte, []store.Event, error)) error
	StaffByTelegramID(ctx context.Context, telegramID int64) (staff.Member, error)
}

// Runner applies inputs to stored conversations.
type Runner struct {
	Engine *conversation.Engine
	Staff  *staff.Engine // nil: no staff side
	Store  Store
	Now    func() time.Time
	Zone   *time.Location // where statistics days begin; nil means UTC
	secret []byte
}

// NewRunner returns a runner; secret keys the hash that stands in for chat ids in storage.
func NewRunner(e *conversation.Engine, s *staff.Engine, st Store, secret []byte) *Runner {
	return &Runner{Engine: e, Staff: s, Store: st, Now: time.Now, secret: secret}
}

// Key returns the storage key of a chat: a keyed hash, so that the database holds no chat id.
func (r *Runner) Key(chatID int64) string {
	return r.hash("chat:" + strconv.FormatInt(chatID, 10))
}

// personKey counts people in the statistics: a keyed hash of the chat for one calendar month.
// Without the secret it cannot be tied to a chat, and next month the same chat has another.
func (r *Runner) personKey(chatKey string, day time.Time) string {
	return r.hash("person:" + day.Format("2006-01") + ":" + chatKey)
}

func (r *Runner) hash(s string) string {
	m := hmac.New(sha256.New, r.secret)
	m.Write([]byte(s))
	return hex.EncodeToString(m.Sum(nil))
}

// newConversationID names one conversation in the statistics: random, not derived from the chat.
func newConversationID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func (r *Runner) today() time.Time { return directory.DateIn(r.Now(), r.Zone) }

// events turns the engine's events into stored ones for this chat and conversation. Staff
// events are stored without a chat (chatKey ""): staff are not counted as people.
func (r *Runner) events(chatKey, conv string, evs []dialog.Event) []store.Event {
	if len(evs) == 0 {
		return nil
	}
	day := r.today()
	person := ""
	if chatKey != "" {
		person = r.personKey(chatKey, day)
	}
	out := make([]store.Event, len(evs))
	for i, e := range evs {
		out[i] = store.Event{Day: day, Kind: e.Kind, Conversation: conv, PersonKey: person, Dims: e.Dims}
	}
	return out
}

// Handle applies one input from who to the chat's conversation, or to the staff side when it
// is meant for it, and returns what to say and the language to say it in. updateID (0 for
// none) makes a repeated update a no-op, reported as store.ErrDuplicateUpdate by the store.
func (r *Runner) Handle(ctx context.Context, chatKey string, updateID int64, in dialog.Input, who staff.Who) (dialog.Output, string, error) {
	// The staff account is looked up before the turn's transaction, which holds a connection
	// of its own, and only for input the staff side may take.
	var member *staff.Member
	if r.Staff != nil && staff.MayConcern(in) {
		m, err := r.Store.StaffByTelegramID(ctx, who.TelegramID)
		switch {
		case err == nil:
			member = &m
		case !errors.Is(err, directory.ErrNotFound):
			return dialog.Output{}, "", fmt.Errorf("chat: %w", err)
		}
	}
	var out dialog.Output
	var lang string
	err := r.Store.Turn(ctx, chatKey, updateID, func(raw []byte) ([]byte, []store.Event, error) {
		var s conversation.State
		if raw != nil {
			if err := json.Unmarshal(raw, &s); err != nil {
				// A state this version cannot read is started afresh rather than failing forever.
				s = conversation.State{}
			}
		}
		if o, handled, err := r.staff(ctx, member, who, in); err != nil || handled {
			lang = s.Lang
			if lang == "" {
				lang = r.Engine.Langs.Match(in.ClientLang)
			}
			out = o
			if raw == nil {
				raw = []byte("{}")
			}
			return raw, r.events("", "", o.Events), err
		}
		next, o, err := r.Engine.Handle(ctx, s, in)
		if err != nil {
			return nil, nil, err
		}
		out, lang = o, next.Lang
		if next.Conv == "" || slices.ContainsFunc(o.Events, func(e dialog.Event) bool { return e.Kind == dialog.EventStarted }) {
			next.Conv = newConversationID()
		}
		conv := next.Conv
		if o.Erase {
			return nil, r.events(chatKey, s.Conv, o.Events), nil
		}
		data, err := json.Marshal(next)
		return data, r.events(chatKey, conv, o.Events), err
	})
	if errors.Is(err, store.ErrReplyPending) {
		// Handled before, but the answer was lost: say where the conversation stands.
		resume := dialog.Input{Kind: dialog.InputResume, ClientLang: in.ClientLang}
		return r.Handle(ctx, chatKey, 0, resume, who)
	}
	if err != nil {
		return dialog.Output{}, "", fmt.Errorf("chat: %w", err)
	}
	return out, lang, nil
}

// staff passes the input to the staff side, which takes what is meant for it.
func (r *Runner) staff(ctx context.Context, member *staff.Member, who staff.Who, in dialog.Input) (dialog.Output, bool, error) {
	if r.Staff == nil {
		return dialog.Output{}, false, nil
	}
	return r.Staff.Handle(ctx, who, member, in)
}
