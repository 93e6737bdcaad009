// Package chat runs stored conversations: it reads a chat's state, applies one input with the
// conversation (or staff) engine and stores the result with the answer to send, all or
// nothing. Both front ends (Telegram and the terminal) use it.
package chat

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/handover"
	"github.com/kassel/wegweiser/internal/seal"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/store"
)

// Store keeps conversation state, the events and the messages to send; the PostgreSQL store
// implements it.
type Store interface {
	ReadTurn(ctx context.Context, chatKey string, updateID, telegramID int64, withStaff bool) (store.TurnState, error)
	WriteTurn(ctx context.Context, w store.TurnWrite) ([]int64, error)
}

// Runner applies inputs to stored conversations.
type Runner struct {
	Engine *conversation.Engine
	Staff  *staff.Engine // nil: no staff side
	Store  Store
	Now    func() time.Time
	Zone   *time.Location // where statistics days begin; nil means UTC
	secret []byte
	// stateBox seals the stored states (see envelope); nil: they are stored in the clear.
	stateBox *seal.Box

	// Handover is the newcomer's side of the hand-over, consulted before the conversation;
	// nil: none.
	Handover *handover.Engine

	// Reopen keeps the requests to be told when an office reopens (Output.Reopen), with the
	// chat's id sealed by ReopenBox; nil: none are kept (the engine must not offer them).
	Reopen    ReopenKeeper
	ReopenBox *seal.Box

	// Roster is the staff roster in memory. With it and the directory in memory, a chat's
	// next turn starts from the state its last turn here wrote, without reading the database:
	// the write then applies only if that state, the directory and the roster are all still
	// at the versions the turn used. nil: every turn reads first.
	Roster *staff.LiveRoster
	kept   states
}

// ReopenKeeper keeps the requests to be told when an office reopens; the store implements it.
type ReopenKeeper interface {
	AddReopenNotice(ctx context.Context, n store.ReopenNotice) error
}

// keepReopen keeps the requests of a turn before the turn is written: a failure leaves the
// update to be tried again, and a repeated request is kept once.
func (r *Runner) keepReopen(ctx context.Context, chatKey string, who staff.Who, lang string, offices []string) error {
	if len(offices) == 0 || r.Reopen == nil || r.ReopenBox == nil {
		return nil
	}
	chat := r.ReopenBox.Seal([]byte(strconv.FormatInt(who.TelegramID, 10)))
	for _, id := range offices {
		if err := r.Reopen.AddReopenNotice(ctx, store.ReopenNotice{ChatKey: chatKey, OfficeID: id, Chat: chat, Lang: lang}); err != nil {
			return err
		}
	}
	return nil
}

// NewRunner returns a runner; secret keys the hash that stands in for chat ids in storage.
func NewRunner(e *conversation.Engine, s *staff.Engine, st Store, secret []byte) *Runner {
	return &Runner{Engine: e, Staff: s, Store: st, Now: time.Now, secret: secret, stateBox: stateBox(secret)}
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

// refresher is a directory kept in memory: each turn tells it the version the database is at,
// or asks the version it is at.
type refresher interface {
	Refresh(ctx context.Context, version int64) error
	Version(ctx context.Context) (int64, error)
}

// Render turns a turn's output into sealed messages to keep in the outbox until they are
// delivered (the Telegram adapter); nil keeps none (the console prints the output itself).
type Render func(out dialog.Output, lang string) (Rendered, error)

// Rendered is a turn's output as the outbox keeps it: the chat's own messages, and those to
// other chats (out.Others) under their destinations' keys.
type Rendered struct {
	Own    [][]byte
	Others []store.Pending
}

// Result is what one turn produced.
type Result struct {
	Out    dialog.Output
	Lang   string  // the language to say it in
	Outbox []int64 // the outbox ids of the chat's own rendered messages, in order
	Others []int64 // the outbox ids of the messages to other chats, in order
}

// stored is what a chat's state holds: the newcomer conversation, and the newcomer's side of
// their hand-overs beside it.
type stored struct {
	conversation.State
	Relay *handover.Newcomer `json:"relay,omitempty"`
}

// maxAttempts bounds how often a turn is tried again when another process wrote the chat's
// state in between (replicas); within one process a chat's updates never overlap.
const maxAttempts = 5

// Handle applies one input to the chat's conversation and returns what to say, for front ends
// that say it themselves (the console).
func (r *Runner) Handle(ctx context.Context, chatKey string, updateID int64, in dialog.Input, who staff.Who) (dialog.Output, string, error) {
	res, err := r.Turn(ctx, chatKey, updateID, in, who, nil)
	return res.Out, res.Lang, err
}

// Turn applies one input from who to the chat's conversation, or to the staff side when it
// is meant for it, and stores the new state, the events and the rendered answer together. It
// reads in one round trip and writes in one, holding no transaction in between; the write
// applies only over the state read, else the turn runs again. updateID (0 for none) makes a
// repeated update a no-op, reported as store.ErrDuplicateUpdate.
func (r *Runner) Turn(ctx context.Context, chatKey string, updateID int64, in dialog.Input, who staff.Who, render Render) (Result, error) {
	for attempt := 1; ; attempt++ {
		res, err := r.turn(ctx, chatKey, updateID, in, who, render, attempt == 1)
		if errors.Is(err, store.ErrConflict) && attempt < maxAttempts {
			continue
		}
		if err != nil && !errors.Is(err, store.ErrDuplicateUpdate) {
			err = fmt.Errorf("chat: %w", err)
		}
		return res, err
	}
}

// turn runs one attempt. first is set on a turn's first attempt: a chat this process does
// not keep is then presumed new (see begin).
func (r *Runner) turn(ctx context.Context, chatKey string, updateID int64, in dialog.Input, who staff.Who, render Render, first bool) (Result, error) {
	read, kept, err := r.begin(ctx, chatKey, updateID, who, in, first)
	if err != nil {
		return Result{}, err
	}
	res, written, relay, err := r.apply(ctx, chatKey, updateID, in, who, render, read, kept)
	if err != nil {
		r.kept.forget(chatKey, r.Now())
		var stale *store.StaleError
		if errors.As(err, &stale) {
			// The directory or the roster moved under a turn that used them from memory:
			// catch up and run the turn again, reading first.
			if err := r.refresh(ctx, stale.Dir, stale.Roster); err != nil {
				return Result{}, err
			}
			return Result{}, store.ErrConflict
		}
		return Result{}, err
	}
	switch {
	case written == nil:
		r.kept.drop(chatKey)
	case relay:
		// A chat in a hand-over is not kept: its next turn reads the database, so that the
		// roster and directory it runs over are current and the turn is not refused after
		// the hand-over acted (a thread given back when its counsellor's account ended is
		// given back, and the newcomer and the colleagues told, in a turn that then stands).
		r.kept.put(chatKey, keptState{read: true, at: r.Now(), lang: res.Lang})
	default:
		r.kept.put(chatKey, keptState{state: written, version: read.Version + 1, at: r.Now(), lang: res.Lang})
	}
	return res, nil
}

// begin is what a turn starts from: the state the chat's last turn here wrote, when the
// runner keeps it, the sender is not staff by the roster in memory (or the input cannot
// concern the staff side) and the input redeems no invitation (kept is then set,
// and the versions of the directory and roster in memory are those the write must find);
// otherwise the state, the sender's staff account and the versions read from the database,
// with the copies in memory brought up to them.
//
// On a turn's first attempt (first), a chat the runner does not keep is presumed new on the
// same conditions, unless the hand-over may act on the input (handover.MayAct): no state,
// version 0. Most such chats are new people, whose first turn then needs no read. If the chat
// is stored after all (a restart, another replica), the write finds it and refuses the turn,
// and the next attempt reads. Nothing of the refused attempt is kept or said.
func (r *Runner) begin(ctx context.Context, chatKey string, updateID int64, who staff.Who, in dialog.Input, first bool) (store.TurnState, bool, error) {
	withStaff := r.Staff != nil && staff.MayConcern(in)
	live, hasLive := r.Engine.Dir.(refresher)
	k, ok := r.kept.get(chatKey, r.Now())
	if !ok && first && (r.Handover == nil || !handover.MayAct(in)) {
		k, ok = keptState{}, true // presumed new
	}
	if k.read {
		ok = false // in a hand-over: read (see turn)
	}
	// Redeeming an invitation changes the roster itself: it always reads first, so that it
	// is never run twice over a roster it has just moved.
	if ok && r.Roster != nil && hasLive && !staff.Redeems(in) {
		roster, _, err := r.Roster.Get(ctx)
		if err != nil {
			return store.TurnState{}, false, err
		}
		if !withStaff || !roster.Members[who.TelegramID] {
			dir, err := live.Version(ctx)
			if err != nil {
				return store.TurnState{}, false, err
			}
			return store.TurnState{State: k.state, Version: k.version, DirVersion: dir, RosterVersion: roster.Version}, true, nil
		}
	}
	read, err := r.Store.ReadTurn(ctx, chatKey, updateID, who.TelegramID, withStaff)
	if err != nil {
		return store.TurnState{}, false, err
	}
	if read.Seen {
		return store.TurnState{}, false, store.ErrDuplicateUpdate
	}
	return read, false, r.refresh(ctx, read.DirVersion, read.RosterVersion)
}

// Warm loads the directory and the staff roster into memory ahead of the first turn, has
// the store open its connections (store.Store.Warm) and the places build their index by
// name (postcode.Places.Warm), so that the first people after a start do not wait for any
// of them.
func (r *Runner) Warm(ctx context.Context) error {
	if w, ok := r.Engine.Places.(interface{ Warm() }); ok {
		w.Warm()
	}
	if w, ok := r.Store.(interface{ Warm(context.Context) error }); ok {
		if err := w.Warm(ctx); err != nil {
			return err
		}
	}
	return r.refresh(ctx, 0, 0)
}

// refresh brings the directory and the roster in memory up to the versions given.
func (r *Runner) refresh(ctx context.Context, dir, roster int64) error {
	if live, ok := r.Engine.Dir.(refresher); ok {
		if err := live.Refresh(ctx, dir); err != nil {
			return err
		}
	}
	if r.Roster != nil {
		return r.Roster.Refresh(ctx, roster)
	}
	return nil
}

// apply runs the input over the state read and writes the turn; it returns the state
// written (nil: the chat was erased) and whether it holds a hand-over (a relay).
func (r *Runner) apply(ctx context.Context, chatKey string, updateID int64, in dialog.Input, who staff.Who, render Render,
	read store.TurnState, kept bool) (Result, []byte, bool, error) {
	var st stored
	var readPlain []byte
	if read.State != nil {
		var err error
		if st, readPlain, err = r.decodeState(chatKey, read.State); err != nil {
			st, readPlain = stored{}, nil // a state this version cannot read starts afresh rather than failing forever
		}
	}
	s := st.State
	w := store.TurnWrite{ChatKey: chatKey, UpdateID: updateID, Version: read.Version}
	if kept {
		w.DirVersion, w.RosterVersion = read.DirVersion, read.RosterVersion
	}
	var res Result
	who.Lang = s.Lang
	if who.Lang == "" {
		who.Lang = r.Engine.Langs.Match(in.ClientLang)
	}
	o, handled, err := r.staff(ctx, read.Member, who, in)
	if err != nil {
		return Result{}, nil, false, err
	}
	var before []dialog.Message // what the staff side said before the conversation goes on
	if handled && o.Resume {
		// The staff side ended without a question of its own (an invitation that is not
		// valid): the conversation's question follows, and a conversation not begun begins.
		if s.Lang == "" {
			handled, before = false, o.Messages
			in = dialog.Input{Kind: dialog.InputCommand, Text: "start", ClientLang: in.ClientLang}
		} else {
			q, err := r.Engine.Current(ctx, s)
			if err != nil {
				return Result{}, nil, false, err
			}
			o.Messages, o.Resume = append(o.Messages, q.Messages...), false
		}
	}
	if handled {
		res.Out, res.Lang = o, who.Lang
		w.State, w.Events = read.State, r.events("", "", o.Events)
		if w.State == nil {
			w.State = []byte("{}")
		}
	} else {
		staffer := r.staffSender(ctx, read, who)
		next, o, err := r.newcomer(ctx, &st, chatKey, who, staffer, in)
		if err != nil {
			return Result{}, nil, false, err
		}
		o.Messages = append(before, o.Messages...)
		res.Out, res.Lang = o, next.Lang
		if kept && read.Version == 0 && len(o.Reopen) > 0 {
			// A chat presumed new (begin) keeps nothing outside its turn: read it first.
			return Result{}, nil, false, store.ErrConflict
		}
		if err := r.keepReopen(ctx, chatKey, who, next.Lang, o.Reopen); err != nil {
			return Result{}, nil, false, err
		}
		if next.Conv == "" || slices.ContainsFunc(o.Events, func(e dialog.Event) bool { return e.Kind == dialog.EventStarted }) {
			next.Conv = newConversationID()
		}
		if o.Erase {
			// The erasure's own event links to nothing, and the chat's events of this month
			// and the last (whose keys the month's end may not have cleared yet) and of its
			// conversation are unlinked from it in the same statement.
			w.Events = r.events("", "", o.Events)
			today := r.today()
			firstOfMonth := today.AddDate(0, 0, 1-today.Day())
			w.Unlink = store.Unlink{
				PersonKeys:    []string{r.personKey(chatKey, today), r.personKey(chatKey, firstOfMonth.AddDate(0, 0, -1))},
				Conversations: []string{s.Conv},
			}
		} else {
			st.State = next
			if st.Relay.Empty() {
				st.Relay = nil
			}
			if w.State, err = r.encodeState(chatKey, st, read.State, readPlain); err != nil {
				return Result{}, nil, false, err
			}
			w.Events = r.events(chatKey, next.Conv, o.Events)
		}
		if staffer {
			w.Events = nil // a counsellor trying the newcomers' conversation is not a newcomer
			if o.Erase {
				// "everything" is the chat's: the staff account is the city team's to end.
				res.Out.Messages = append(res.Out.Messages, dialog.Message{Lines: []dialog.Text{dialog.T("delete.staff_kept")}})
			}
		}
	}
	if render != nil {
		rendered, err := render(res.Out, res.Lang)
		if err != nil {
			return Result{}, nil, false, err
		}
		w.Outbox, w.Others = rendered.Own, rendered.Others
	}
	ids, err := r.Store.WriteTurn(ctx, w)
	if err != nil {
		return Result{}, nil, false, err
	}
	if len(ids) == len(w.Outbox)+len(w.Others) {
		res.Outbox, res.Others = ids[:len(w.Outbox)], ids[len(w.Outbox):]
	}
	return res, w.State, st.Relay != nil, nil
}

// staffSender reports whether the sender has a staff account (read with the turn, or by the
// roster in memory at the version the turn is written over): the statistics count newcomers,
// and a staff member who tries the newcomers' conversation (to see what they see, to test a
// hand-over) is not counted in them.
func (r *Runner) staffSender(ctx context.Context, read store.TurnState, who staff.Who) bool {
	if read.Member != nil {
		return true
	}
	if r.Roster == nil {
		return false
	}
	roster, _, err := r.Roster.Get(ctx)
	return err == nil && roster.Members[who.TelegramID]
}

// newcomer runs a newcomer's input: the hand-over takes what is meant for it, the
// conversation the rest, after what the hand-over said about it (/delete tells the offices).
func (r *Runner) newcomer(ctx context.Context, st *stored, chatKey string, who staff.Who, staffer bool, in dialog.Input) (conversation.State, dialog.Output, error) {
	if r.Handover == nil {
		return r.Engine.Handle(ctx, st.State, in)
	}
	if st.Relay == nil {
		st.Relay = &handover.Newcomer{}
	}
	// A private chat's id is its user's id: the one a new thread seals to reach them later.
	c := &handover.Chat{ID: who.TelegramID, Key: chatKey, State: &st.State, Relay: st.Relay, Staff: staffer}
	pre, handled, err := r.Handover.Handle(ctx, c, in)
	if err == nil && handled && pre.Resume {
		q, err := r.Engine.Current(ctx, st.State)
		pre.Messages = append(pre.Messages, q.Messages...)
		return st.State, pre, err
	}
	if err != nil || handled {
		return st.State, pre, err
	}
	next, o, err := r.Engine.Handle(ctx, st.State, in)
	if err != nil {
		return next, o, err
	}
	o.Messages = append(pre.Messages, o.Messages...)
	o.Others = append(pre.Others, o.Others...)
	o.Events = append(pre.Events, o.Events...)
	return next, o, nil
}

// staff passes the input to the staff side, which takes what is meant for it.
func (r *Runner) staff(ctx context.Context, member *staff.Member, who staff.Who, in dialog.Input) (dialog.Output, bool, error) {
	if r.Staff == nil {
		return dialog.Output{}, false, nil
	}
	return r.Staff.Handle(ctx, who, member, in)
}
