package handover

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// This file holds what the counsellors' buttons and messages do (package staff calls it after
// authorising the counsellor for the thread's office): what the newcomer and the colleagues
// are told, and what is stored. The counsellor's own answer is the staff side's.

// Actor is the counsellor acting, as the audit log and their colleagues name them.
type Actor struct {
	StaffID int64
	Name    string
	Label   string // the audit log's label: name and staff id
}

// Thread loads an open thread with its office; a closed one is ErrGone.
func (e *Engine) Thread(ctx context.Context, id int64) (Thread, directory.Office, error) {
	t, err := e.Store.Thread(ctx, id)
	if err != nil {
		return Thread{}, directory.Office{}, err
	}
	o, err := e.Store.Office(ctx, t.Office)
	return t, o, err
}

// Request is the message the newcomer sent with the request.
func (e *Engine) Request(t Thread) (string, error) {
	body, err := e.Box.Open(t.Request)
	if err != nil {
		return "", fmt.Errorf("handover: thread %d: %w", t.ID, err)
	}
	return string(body), nil
}

// Take gives a waiting thread to the counsellor, first come first served: the newcomer is
// told, the colleagues see that it is taken. A thread another counsellor took is ErrTaken,
// returned with that thread (its owner's name).
func (e *Engine) Take(ctx context.Context, t Thread, o directory.Office, a Actor, out *dialog.Output) (Thread, error) {
	now := e.now()
	taken, err := e.Store.TakeThread(ctx, t.ID, a.StaffID, a.Label, now)
	if err != nil || taken.Owner != a.StaffID {
		if err == nil {
			err = ErrTaken
		}
		return taken, err
	}
	if t.Status == StatusTaken {
		return taken, nil // taken by this counsellor before: nobody needs telling again
	}
	msg := dialog.Message{Lines: []dialog.Text{dialog.T("handover.taken", "Office", dialog.Raw(o.Name))}, Buttons: threadButtons(taken)}
	if err := e.toNewcomer(taken, out, msg); err != nil {
		return taken, err
	}
	if t.Counted() {
		hours := min(int(now.Sub(t.CreatedAt).Hours()), 720)
		out.Record(dialog.EventHandoverTaken, "office", o.ID, "hours", strconv.Itoa(max(hours, 0)))
	}
	colleagues := dialog.Message{Lines: []dialog.Text{dialog.T("staff.handover.taken_other", "ID", t.ID,
		"Office", dialog.Raw(o.Name), "Name", dialog.Raw(a.Name))}}
	return taken, e.toCounsellors(ctx, o, a.StaffID, out, colleagues)
}

// Decline ends a waiting thread for a reason: the office is full, or another office fits
// better (suggest, which the newcomer gets as a card to ask it in turn).
func (e *Engine) Decline(ctx context.Context, t Thread, o directory.Office, a Actor, suggest *directory.Office, out *dialog.Output) error {
	how, reason := EndDeclinedFull, "full"
	if suggest != nil {
		how, reason = EndDeclinedWrong, "wrong_office"
	}
	ended, err := e.Store.EndThread(ctx, t, a.StaffID, a.Label, how)
	if err != nil || !ended {
		if err == nil {
			err = ErrGone
		}
		return err
	}
	name := dialog.Raw(o.Name)
	msg := dialog.Message{Lines: []dialog.Text{dialog.T("handover.declined_full", "Office", name), dialog.Raw(""), dialog.T("online.none")}}
	if suggest != nil {
		if msg, err = e.suggestion(ctx, dialog.T("handover.declined_other", "Office", name), *suggest); err != nil {
			return err
		}
	}
	if err := e.toNewcomer(t, out, msg); err != nil {
		return err
	}
	if t.Counted() {
		out.Record(dialog.EventHandoverDeclined, "office", o.ID, "reason", reason)
	}
	return e.tellOffice(ctx, t, o, a.StaffID, out, "staff.handover.declined", "Name", dialog.Raw(a.Name))
}

// suggestion is a message that names another office to the newcomer, as newcomers see it,
// with a button to ask it in turn when it can be asked.
func (e *Engine) suggestion(ctx context.Context, intro dialog.Text, o directory.Office) (dialog.Message, error) {
	m := dialog.Message{Lines: append([]dialog.Text{intro, dialog.Raw("")}, conversation.OfficeLines(directory.Match{Office: o}, 0, false)...)}
	ok, err := e.Contactable(ctx, []directory.Office{o})
	if ok[o.ID] {
		m.Buttons = [][]dialog.Button{{button(dialog.T("handover.button.ask_other"), codeAsk, directory.Ref(o.ID))}}
	}
	return m, err
}

// End closes a thread from the office's side; block also keeps the newcomer from asking the
// office again for RetentionDays, and tells them the office cannot continue.
func (e *Engine) End(ctx context.Context, t Thread, o directory.Office, a Actor, block bool, out *dialog.Output) error {
	how, told := EndClosed, dialog.T("handover.closed_by_office", "Office", dialog.Raw(o.Name))
	if block {
		how, told = EndBlocked, dialog.T("handover.blocked", "Office", dialog.Raw(o.Name))
	}
	ended, err := e.Store.EndThread(ctx, t, a.StaffID, a.Label, how)
	if err != nil || !ended {
		if err == nil {
			err = ErrGone
		}
		return err
	}
	msg := dialog.Message{Lines: []dialog.Text{told}}
	if block {
		msg.Lines = append(msg.Lines, dialog.Raw(""), dialog.T("online.none"))
		until := e.now().AddDate(0, 0, e.RetentionDays)
		if err := e.Store.BlockChat(ctx, t.Office, t.ChatKey, until); err != nil {
			return err
		}
	}
	if err := e.toNewcomer(t, out, msg); err != nil {
		return err
	}
	return e.tellOffice(ctx, t, o, a.StaffID, out, "staff.handover.closed", "Name", dialog.Raw(a.Name))
}

// FromCounsellor passes what the counsellor who took the thread writes on to the newcomer,
// marked with the office's name. problem, when set, says why it cannot be passed on.
func (e *Engine) FromCounsellor(ctx context.Context, t Thread, o directory.Office, in dialog.Input, out *dialog.Output) (problem *dialog.Text, err error) {
	body, file, problem := Payload(in)
	if problem != nil {
		return problem, nil
	}
	rate, ok := t.Rates[SideCounsellor].Allow(e.now())
	if !ok {
		p := dialog.T("handover.slow_down")
		return &p, nil
	}
	if err := e.Store.CountMessage(ctx, t.ID, SideCounsellor, rate, e.now(), ""); err != nil {
		return nil, err
	}
	m := dialog.Message{Lines: []dialog.Text{dialog.T("handover.from", "Office", dialog.Raw(o.Name))}, File: file, Buttons: threadButtons(t)}
	if body != "" {
		m.Lines = append(m.Lines, dialog.Raw(body))
	}
	return nil, e.toNewcomer(t, out, m)
}

// BlockDays is how long a block keeps a newcomer from asking the office again.
func (e *Engine) BlockDays() int { return e.RetentionDays }

// IsGone reports whether err means the thread is closed.
func IsGone(err error) bool { return errors.Is(err, ErrGone) }
