package handover

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// own loads a thread of this newcomer's: another chat's thread, or a closed one, is ErrGone.
func (e *Engine) own(ctx context.Context, c *Chat, id int64) (Thread, directory.Office, error) {
	if id == 0 {
		return Thread{}, directory.Office{}, ErrGone
	}
	t, err := e.Store.Thread(ctx, id)
	if err == nil && t.ChatKey != c.Key {
		err = ErrGone
	}
	if err != nil {
		return Thread{}, directory.Office{}, err
	}
	o, err := e.Store.Office(ctx, t.Office)
	return t, o, err
}

// Payload reads what a side writes into a thread: the text (or a file's caption) and the
// file; problem says why it cannot be passed on, or is nil.
func Payload(in dialog.Input) (body string, file *dialog.File, problem *dialog.Text) {
	body = strings.TrimSpace(withoutOverrides(in.Text))
	switch {
	case in.Kind == dialog.InputFile && in.File != nil:
		if in.File.Size > MaxFileSize {
			p := dialog.T("handover.file_too_big")
			return "", nil, &p
		}
		file = &dialog.File{Ref: in.File.Ref, Name: in.File.Name, Photo: in.File.Photo}
	case in.Kind != dialog.InputText || !visible(body):
		p := dialog.T("handover.unsupported")
		return "", nil, &p
	}
	if problem := unreadable(body); problem != nil {
		return "", nil, problem
	}
	if utf8.RuneCountInString(body) > MaxBody {
		p := dialog.T("handover.too_long", "Max", MaxBody)
		return "", nil, &p
	}
	return body, file, nil
}

// withoutOverrides is text without the explicit direction controls (embeddings, overrides,
// isolates: U+202A-U+202E, U+2066-U+2069), which no one types on purpose and which, left open,
// would turn the rest of the line the text is shown in (the other side's message, the names
// and buttons around it). Marks (U+200E, U+200F) stay: they affect only what is next to them.
func withoutOverrides(text string) string {
	return strings.Map(func(r rune) rune {
		if r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' {
			return -1
		}
		return r
	}, text)
}

// visible says whether text holds anything a reader sees: a letter, digit, punctuation or
// symbol (an emoji), not only spaces and invisible joiners or direction marks.
func visible(text string) bool {
	return strings.ContainsFunc(text, func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
	})
}

// unreadable is what to answer to text in a broken encoding or with control characters
// (conversation.CheckTyped), nothing a person can read; nil for text that may be passed on.
// Length is checked against MaxBody by the callers.
func unreadable(text string) *dialog.Text {
	if reason, answer := conversation.CheckTyped(text); reason != "" && reason != conversation.TypedTooLong {
		return &answer
	}
	return nil
}

// fromNewcomer passes what the newcomer writes on to the counsellor who took the thread that
// has the focus.
func (e *Engine) fromNewcomer(ctx context.Context, c *Chat, in dialog.Input, out *dialog.Output) error {
	t, o, err := e.own(ctx, c, c.Relay.Focus)
	if errors.Is(err, ErrGone) {
		c.Relay.Focus = 0
		out.Say(dialog.T("handover.gone"))
		out.Resume = true // and the conversation's question, to go on
		return nil
	}
	if err != nil {
		return err
	}
	if t.Status != StatusTaken {
		out.Say(dialog.T("handover.waiting", "Office", dialog.Raw(o.Name)))
		return nil
	}
	body, file, problem := Payload(in)
	if problem != nil {
		out.Say(*problem)
		return nil
	}
	rate, ok := t.Rates[SideNewcomer].Allow(e.now())
	if !ok {
		out.Say(dialog.T("handover.slow_down"))
		return nil
	}
	owner, found, err := e.owner(ctx, t)
	if err != nil {
		return err
	}
	if !found {
		// The counsellor's account ended (or they left the office) before the scheduled
		// work gave the thread back: it goes back now, and this message is not passed on.
		told := false
		tell := func(m dialog.Message) error { out.Messages, told = append(out.Messages, m), true; return nil }
		ended, err := e.orphaned(ctx, t, e.now(), out, tell)
		if err != nil || told {
			if ended {
				c.Relay.Focus = 0
				out.Resume = true
			}
			return err
		}
		// Another replica gave the thread back (or closed it) meanwhile: say where it is.
		_, err = e.Store.Thread(ctx, t.ID)
		switch {
		case IsGone(err):
			c.Relay.Focus = 0
			out.Say(dialog.T("handover.gone"))
			out.Resume = true
			return nil
		case err != nil:
			return err
		}
		out.Say(dialog.T("handover.waiting", "Office", dialog.Raw(o.Name)))
		return nil
	}
	if err := e.Store.CountMessage(ctx, t.ID, SideNewcomer, rate, e.now(), c.State.Lang); err != nil {
		return err
	}
	langs, err := e.langs(ctx, []Counsellor{owner})
	if err != nil {
		return err
	}
	out.Others = append(out.Others, dialog.Outgoing{ChatID: owner.TelegramID, Lang: langs[owner.TelegramID],
		Message: e.Cards.RelayCard(t, o, body, file)})
	out.Say(dialog.T("handover.passed_on", "Office", dialog.Raw(o.Name)))
	return nil
}

// owner finds the counsellor who took the thread among the office's active counsellors: one
// revoked or unbound since is not found.
func (e *Engine) owner(ctx context.Context, t Thread) (Counsellor, bool, error) {
	cs, err := e.Store.Counsellors(ctx, t.Office)
	if err != nil {
		return Counsellor{}, false, err
	}
	for _, c := range cs {
		if c.StaffID == t.Owner {
			return c, true, nil
		}
	}
	return Counsellor{}, false, nil
}

// threadTap handles the newcomer's buttons under an office's messages: reply to this thread,
// end it (asked first).
func (e *Engine) threadTap(ctx context.Context, c *Chat, code, arg string, out *dialog.Output) error {
	t, o, err := e.own(ctx, c, threadID(arg))
	if errors.Is(err, ErrGone) {
		if c.Relay.Focus == threadID(arg) {
			c.Relay.Focus = 0
		}
		notice := dialog.T("handover.gone")
		out.Notice = &notice
		out.Say(notice)
		out.Resume = true
		return nil
	}
	if err != nil {
		return err
	}
	name := dialog.Raw(o.Name)
	switch code {
	case codeReply:
		c.Relay.Draft, c.Relay.Focus = nil, t.ID
		out.Say(dialog.T("handover.writing", "Office", name))
	case codeEnd:
		m := out.Say(dialog.T("handover.end_ask", "Office", name))
		m.Buttons = [][]dialog.Button{{button(dialog.T("handover.button.end_yes"), codeEndYes, threadArg(t.ID)),
			button(dialog.T("button.back"), codeReply, threadArg(t.ID))}}
	case codeEndYes:
		if c.Relay.Focus == t.ID {
			c.Relay.Focus = 0
		}
		ended, err := e.Store.EndThread(ctx, t, 0, "", "")
		if err != nil || !ended {
			return err
		}
		out.Say(dialog.T("handover.ended", "Office", name))
		return e.tellOffice(ctx, t, o, 0, out, "staff.handover.closed_by_person")
	}
	return nil
}

// tellOffice says a line about the thread to the counsellors who know it, but the one with
// staff id except: its owner once taken, before that every counsellor of the office.
func (e *Engine) tellOffice(ctx context.Context, t Thread, o directory.Office, except int64, out *dialog.Output, id string, kv ...any) error {
	m := dialog.Message{Lines: []dialog.Text{dialog.T(id, append([]any{"ID", t.ID, "Office", dialog.Raw(o.Name)}, kv...)...)}}
	if t.Status != StatusTaken {
		return e.toCounsellors(ctx, o, except, out, m)
	}
	owner, found, err := e.owner(ctx, t)
	if err != nil || !found || owner.StaffID == except {
		return err
	}
	langs, err := e.langs(ctx, []Counsellor{owner})
	if err != nil {
		return err
	}
	out.Others = append(out.Others, dialog.Outgoing{ChatID: owner.TelegramID, Lang: langs[owner.TelegramID], Message: m})
	return nil
}

// eraseChat ends and erases every thread of the chat (/delete), telling the offices; the
// conversation engine then erases the rest.
func (e *Engine) eraseChat(ctx context.Context, c *Chat, out *dialog.Output) error {
	*c.Relay = Newcomer{}
	threads, err := e.Store.EraseChat(ctx, c.Key)
	if err != nil {
		return err
	}
	for _, t := range threads {
		o, err := e.Store.Office(ctx, t.Office)
		if err != nil {
			return err
		}
		if err := e.tellOffice(ctx, t, o, 0, out, "staff.handover.closed_by_person"); err != nil {
			return err
		}
	}
	return nil
}

// toNewcomer adds a message to the thread's newcomer, in their language.
func (e *Engine) toNewcomer(t Thread, out *dialog.Output, m dialog.Message) error {
	plain, err := e.Box.Open(t.Chat)
	if err != nil {
		return fmt.Errorf("handover: thread %d: %w", t.ID, err)
	}
	id, err := strconv.ParseInt(string(plain), 10, 64)
	if err != nil {
		return fmt.Errorf("handover: thread %d: sealed chat: %w", t.ID, err)
	}
	out.Others = append(out.Others, dialog.Outgoing{ChatID: id, Lang: t.Lang, Message: m})
	return nil
}

// threadButtons are the newcomer's buttons under an office's message: reply, end.
func threadButtons(t Thread) [][]dialog.Button {
	return [][]dialog.Button{{button(dialog.T("handover.button.reply"), codeReply, threadArg(t.ID)),
		button(dialog.T("handover.button.end"), codeEnd, threadArg(t.ID))}}
}
