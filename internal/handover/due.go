package handover

import (
	"context"
	"strconv"
	"time"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// Due does the hand-over's scheduled work at now: it erases the threads without a message
// for RetentionDays, gives the threads of a counsellor whose account ended (or who left the
// office) back to the office (orphaned), reminds the counsellors of requests nobody took within RemindAfter
// working days, and closes those nobody took within GiveUpAfter, telling the newcomer
// honestly and offering the next office and online counselling. It returns what to say to
// whom and the events to record. Each step is claimed in the database, so replicas running
// it at once do each once.
func (e *Engine) Due(ctx context.Context, now time.Time) (dialog.Output, error) {
	var out dialog.Output
	if _, err := e.Store.EraseIdle(ctx, now.AddDate(0, 0, -e.RetentionDays), now); err != nil {
		return out, err
	}
	orphans, err := e.Store.OrphanedThreads(ctx)
	if err != nil {
		return out, err
	}
	for _, t := range orphans {
		tell := func(m dialog.Message) error { return e.toNewcomer(t, &out, m) }
		if _, err := e.orphaned(ctx, t, now, &out, tell); err != nil {
			return out, err
		}
	}
	threads, err := e.Store.WaitingThreads(ctx)
	if err != nil {
		return out, err
	}
	for _, t := range threads {
		o, err := e.Store.Office(ctx, t.Office)
		if err != nil {
			return out, err
		}
		switch {
		case !now.Before(Deadline(t.CreatedAt, GiveUpAfter, o.OpeningHours, e.Hours)):
			err = e.lapse(ctx, t, o, &out)
		case t.RemindedAt == nil && !now.Before(Deadline(t.CreatedAt, RemindAfter, o.OpeningHours, e.Hours)):
			err = e.remind(ctx, t, o, now, &out)
		}
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// orphaned gives a thread whose counsellor can no longer answer it back to the office: a
// waiting request again, sent to the office's counsellors as a new one (its deadlines count
// from now), the newcomer told. An office with no counsellor left cannot take it: the
// thread is closed and the newcomer is given the office's card to call, write or go there.
// tell says a message to the newcomer; ended reports whether the thread was closed.
func (e *Engine) orphaned(ctx context.Context, t Thread, now time.Time, out *dialog.Output, tell func(dialog.Message) error) (ended bool, err error) {
	o, err := e.Store.Office(ctx, t.Office)
	if err != nil {
		return false, err
	}
	cs, err := e.Store.Counsellors(ctx, o.ID)
	if err != nil {
		return false, err
	}
	name := dialog.Raw(o.Name)
	if len(cs) == 0 {
		if ended, err = e.Store.EndThread(ctx, t, 0, "", ""); err != nil || !ended {
			return ended, err
		}
		m, err := e.suggestion(ctx, dialog.T("handover.returned_none", "Office", name), o)
		if err != nil {
			return true, err
		}
		return true, tell(m)
	}
	requeued, err := e.Store.Requeue(ctx, t, now)
	if err != nil || !requeued {
		return false, err
	}
	why := dialog.T("staff.handover.returned", "ID", dialog.LTR(strconv.FormatInt(t.ID, 10)), "Office", name, "Name", dialog.Raw(t.OwnerName))
	t.Status, t.Owner, t.OwnerName, t.TakenAt, t.RemindedAt, t.CreatedAt = StatusWaiting, 0, "", nil, nil, now
	t.RequeuedAt, t.LastMessageAt = &now, now
	if err := tell(dialog.Message{Lines: []dialog.Text{dialog.T("handover.returned", "Office", name)}}); err != nil {
		return false, err
	}
	body, err := e.Request(t)
	if err != nil {
		return false, err
	}
	card := e.Cards.RequestCard(t, o, body, false)
	card.Lines = append([]dialog.Text{why, dialog.Raw("")}, card.Lines...) // why a request they saw taken comes again
	return false, e.toCounsellors(ctx, o, 0, out, card)
}

// remind sends a waiting request to the office's counsellors again, once.
func (e *Engine) remind(ctx context.Context, t Thread, o directory.Office, now time.Time, out *dialog.Output) error {
	claimed, err := e.Store.ClaimReminder(ctx, t.ID, now)
	if err != nil || !claimed {
		return err
	}
	body, err := e.Request(t)
	if err != nil {
		return err
	}
	return e.toCounsellors(ctx, o, 0, out, e.Cards.RequestCard(t, o, body, true))
}

// lapse closes a request nobody took: the newcomer is told, with the next office and online
// counselling, and the counsellors learn that it is gone.
func (e *Engine) lapse(ctx context.Context, t Thread, o directory.Office, out *dialog.Output) error {
	ended, err := e.Store.EndThread(ctx, t, 0, "", "")
	if err != nil || !ended {
		return err
	}
	if err := e.toNewcomer(t, out, dialog.Message{Lines: []dialog.Text{dialog.T("handover.unanswered", "Office", dialog.Raw(o.Name))}}); err != nil {
		return err
	}
	next, found, err := e.next(ctx, t)
	if err != nil {
		return err
	}
	if found {
		m, err := e.suggestion(ctx, dialog.T("handover.try_next"), next)
		if err != nil {
			return err
		}
		if err := e.toNewcomer(t, out, m); err != nil {
			return err
		}
	}
	if err := e.toNewcomer(t, out, dialog.Message{Lines: []dialog.Text{dialog.T("online.none")}}); err != nil {
		return err
	}
	if t.Counted() {
		out.Record(dialog.EventHandoverExpired, "office", o.ID)
	}
	return e.toCounsellors(ctx, o, 0, out, dialog.Message{Lines: []dialog.Text{
		dialog.T("staff.handover.unanswered", "ID", t.ID, "Office", dialog.Raw(o.Name))}})
}

// next is the office to suggest after one did not answer: the best match for the request's
// age band, topic and language but that one, preferring one that can be asked in turn.
func (e *Engine) next(ctx context.Context, t Thread) (directory.Office, bool, error) {
	// The age the request's band stands for; none for children under 12, whom no office of
	// the hand-over counsels.
	age, ok := conversation.BandAge(t.AgeBand)
	if e.Dir == nil || !ok || t.AgeBand == conversation.AgeBands[0] {
		return directory.Office{}, false, nil
	}
	m, err := e.Dir.Match(ctx, directory.Query{Age: age, Topic: t.Topic, Language: t.Lang, Limit: conversation.MaxOffices + 1})
	if err != nil {
		return directory.Office{}, false, err
	}
	var others []directory.Office
	for _, match := range m.Offices {
		if match.Office.ID != t.Office {
			others = append(others, match.Office)
		}
	}
	if len(others) == 0 {
		return directory.Office{}, false, nil
	}
	reachable, err := e.Contactable(ctx, others)
	for _, o := range others {
		if reachable[o.ID] {
			return o, true, err
		}
	}
	return others[0], true, err
}
