package handover

import (
	"cmp"
	"context"
	"errors"
	"time"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/seal"
)

// Store keeps the threads; the PostgreSQL store implements it. A thread that is gone yields
// an error wrapping ErrGone.
type Store interface {
	CreateThread(ctx context.Context, t NewThread) (Thread, error)
	Thread(ctx context.Context, id int64) (Thread, error)
	ThreadsOf(ctx context.Context, chatKey string) ([]Thread, error)
	TakeThread(ctx context.Context, id, staffID int64, actor string, at time.Time) (Thread, error)
	EndThread(ctx context.Context, t Thread, staffID int64, actor string, how Ending) (bool, error)
	EraseChat(ctx context.Context, chatKey string) ([]Thread, error)
	BlockChat(ctx context.Context, officeID, chatKey string, until time.Time) error
	BlockedBy(ctx context.Context, officeID, chatKey string, at time.Time) (bool, error)
	CountMessage(ctx context.Context, id int64, side Side, r Rate, at time.Time, lang string) error
	Counsellors(ctx context.Context, officeID string) ([]Counsellor, error)
	Reachable(ctx context.Context, officeIDs []string) (map[string]bool, error)
	ChatLangs(ctx context.Context, chatKeys []string) (map[string]string, error)
	Office(ctx context.Context, id string) (directory.Office, error)
	Offices(ctx context.Context, archived bool) ([]directory.Office, error)
	WaitingThreads(ctx context.Context) ([]Thread, error)
	// OrphanedThreads are the taken threads whose counsellor is no longer an active counsellor
	// of the thread's office (revoked, or unbound from it); Requeue gives one back to the
	// office as a waiting request from at on, and reports whether it was still so orphaned.
	OrphanedThreads(ctx context.Context) ([]Thread, error)
	Requeue(ctx context.Context, t Thread, at time.Time) (bool, error)
	ClaimReminder(ctx context.Context, id int64, at time.Time) (bool, error)
	EraseIdle(ctx context.Context, before, now time.Time) (int64, error)
}

// Cards are the counsellors' messages, with the buttons of the staff side; package staff
// implements them, so that the staff button codes stay in one place.
type Cards interface {
	// RequestCard is a new request as each counsellor of the office gets it; reminder marks
	// the one sent again after RemindAfter working days.
	RequestCard(t Thread, office directory.Office, body string, reminder bool) dialog.Message
	// RelayCard is a newcomer's message passed on to the counsellor who took the thread.
	RelayCard(t Thread, office directory.Office, body string, file *dialog.File) dialog.Message
}

// Engine is the newcomer's side of the hand-over, and the operations the counsellors' side
// uses. It holds no per-chat data: a newcomer's draft and focus are in Newcomer, which the
// runner keeps with their conversation.
type Engine struct {
	Store Store
	Cards Cards
	// Dir finds the next office to suggest when a request lapses; nil suggests none.
	Dir conversation.Directory
	// Box seals the newcomer's chat id and the request's message (purpose "handover").
	Box *seal.Box
	// Key is the storage key of a chat id (the runner's keyed hash), to read counsellors'
	// languages from their conversations.
	Key func(chatID int64) string
	Now func() time.Time
	// Hours is the offices' zone and public holidays, for working days.
	Hours directory.Calendar
	// RetentionDays is how long a thread without messages, and a block, are kept.
	RetentionDays int
	// Roster, when set, says which offices have an active counsellor from memory (the staff
	// roster the runner keeps current) instead of asking the store.
	Roster Reacher
}

// Reacher says which of the offices have an active counsellor account.
type Reacher interface {
	Reachable(ctx context.Context, officeIDs []string) (map[string]bool, error)
}

// NewEngine returns an engine sealing with a key derived from secret.
func NewEngine(st Store, secret []byte, key func(int64) string) (*Engine, error) {
	box, err := seal.New(secret, "handover")
	if err != nil {
		return nil, err
	}
	return &Engine{Store: st, Box: box, Key: key, Now: time.Now, RetentionDays: 30}, nil
}

// Newcomer is a newcomer's side of their hand-overs, kept with their conversation state: the
// request being written, the thread their typed messages go to, and the one they went to
// before a tap in the dialogue took the focus (Last).
type Newcomer struct {
	Draft *Draft `json:"draft,omitempty"`
	Focus int64  `json:"focus,omitempty"`
	Last  int64  `json:"last,omitempty"`
}

// Empty reports whether there is nothing to keep.
func (n *Newcomer) Empty() bool { return n == nil || (n.Draft == nil && n.Focus == 0 && n.Last == 0) }

// Draft is a request being written: the office asked, and the message once typed, sealed.
// Parked: a tap in the dialogue came between the message and Send; the message waits for
// Send, and what is typed meanwhile answers the dialogue.
type Draft struct {
	Office string `json:"office"`
	Body   []byte `json:"body,omitempty"`
	Parked bool   `json:"parked,omitempty"`
}

// Chat is one newcomer turn as the engine sees it.
type Chat struct {
	ID    int64  // the chat id, to seal into a new thread
	Key   string // its keyed hash
	State *conversation.State
	Relay *Newcomer // never nil; the engine changes it in place
	// Staff marks a staff member trying the newcomers' side: their requests are not counted.
	Staff bool
}

func (e *Engine) now() time.Time {
	if e.Now == nil {
		return time.Now()
	}
	return e.Now()
}

// Handle takes the newcomer inputs meant for the hand-over and reports whether it did: its
// buttons, the message of a request being written, and what the newcomer writes while a
// thread has the focus. Inputs it does not take may still change the relay (a dialogue button
// ends the focus) and produce output to say first (/delete tells the counsellors).
func (e *Engine) Handle(ctx context.Context, c *Chat, in dialog.Input) (dialog.Output, bool, error) {
	var out dialog.Output
	r := c.Relay
	switch {
	case in.Kind == dialog.InputCommand && in.Text == "delete":
		return out, false, e.eraseChat(ctx, c, &out)
	case in.Kind == dialog.InputCommand && (in.Text == "start" || in.Text == "restart"):
		*r = Newcomer{}
		return out, false, nil
	case in.Kind == dialog.InputChoice:
		if code, arg, ok := parse(in.Choice); ok {
			return out, true, e.tap(ctx, c, code, arg, &out)
		}
		// A tap in the dialogue leaves the relay: what is typed next answers the dialogue. A
		// request already written waits for its Send (👍 or a map between them loses nothing).
		var parked *Draft
		if r.Draft != nil && r.Draft.Body != nil {
			parked = r.Draft
			parked.Parked = true
		}
		*r = Newcomer{Draft: parked, Last: cmp.Or(r.Focus, r.Last)}
		return out, false, nil
	case r.Draft != nil && !r.Draft.Parked && in.Kind == dialog.InputText:
		return out, true, e.drafted(ctx, c, in.Text, &out)
	case r.Draft != nil && !r.Draft.Parked && (in.Kind == dialog.InputFile || in.Kind == dialog.InputUnsupported):
		out.Say(dialog.T("handover.text_only"))
		return out, true, nil
	case r.Focus != 0 && (in.Kind == dialog.InputText || in.Kind == dialog.InputFile || in.Kind == dialog.InputUnsupported):
		return out, true, e.fromNewcomer(ctx, c, in, &out)
	case r.Last != 0 && in.Kind == dialog.InputText && c.State != nil && c.State.Step() == conversation.StepResult:
		return e.backToLast(ctx, c, in)
	}
	return out, false, nil
}

// backToLast passes text typed at the result, where the dialogue asks nothing, to the thread
// a tap in the dialogue (the language, feedback, a map) took the focus from, while a
// counsellor still has it: the newcomer was told "just send your message", and would
// otherwise be asked to use the buttons. A thread ended or not taken since is forgotten, and
// the dialogue answers.
func (e *Engine) backToLast(ctx context.Context, c *Chat, in dialog.Input) (dialog.Output, bool, error) {
	var out dialog.Output
	t, _, err := e.own(ctx, c, c.Relay.Last)
	switch {
	case errors.Is(err, ErrGone) || err == nil && t.Status != StatusTaken:
		c.Relay.Last = 0
		return out, false, nil
	case err != nil:
		return out, false, err
	}
	c.Relay.Focus, c.Relay.Last = c.Relay.Last, 0
	return out, true, e.fromNewcomer(ctx, c, in, &out)
}

// MayAct reports whether Handle may act on in beyond the chat's state: erase the chat's
// threads (/delete) or take one of its own buttons, which reach the threads in the
// database. A turn must not run such an input over a state it only presumes (chat.Runner).
func MayAct(in dialog.Input) bool {
	if in.Kind == dialog.InputCommand && in.Text == "delete" {
		return true
	}
	_, _, ok := parse(in.Choice)
	return in.Kind == dialog.InputChoice && ok
}

// tap handles a hand-over button of the newcomer's.
func (e *Engine) tap(ctx context.Context, c *Chat, code, arg string, out *dialog.Output) error {
	switch code {
	case codeAsk:
		return e.ask(ctx, c, arg, out)
	case codeSend:
		return e.send(ctx, c, out)
	case codeRewrite:
		if c.Relay.Draft == nil {
			return stale(out)
		}
		c.Relay.Draft.Body, c.Relay.Draft.Parked = nil, false
		out.Say(dialog.T("handover.write")).Buttons = [][]dialog.Button{{cancelButton()}}
		return nil
	case codeCancel:
		if c.Relay.Draft == nil { // sent already, or cancelled: "nothing was sent" would be false
			return stale(out)
		}
		c.Relay.Draft = nil
		out.Say(dialog.T("handover.cancelled"))
		out.Resume = true
		return nil
	case codeReply, codeEnd, codeEndYes:
		return e.threadTap(ctx, c, code, arg, out)
	}
	return stale(out)
}

// stale answers a button that no longer applies, or forged data.
func stale(out *dialog.Output) error {
	notice := dialog.T("handover.stale")
	out.Notice = &notice
	out.Say(dialog.T("handover.stale"))
	out.Resume = true
	return nil
}
