package staff

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/handover"
)

// Relay is the hand-over as the counsellors' buttons and messages use it; package handover
// implements it. Every call here comes after the counsellor was authorised for the thread's
// office (ActionHandover), on the server, against the stored binding.
type Relay interface {
	Thread(ctx context.Context, id int64) (handover.Thread, directory.Office, error)
	Take(ctx context.Context, t handover.Thread, o directory.Office, a handover.Actor, out *dialog.Output) (handover.Thread, error)
	Decline(ctx context.Context, t handover.Thread, o directory.Office, a handover.Actor, suggest *directory.Office, out *dialog.Output) error
	End(ctx context.Context, t handover.Thread, o directory.Office, a handover.Actor, block bool, out *dialog.Output) error
	FromCounsellor(ctx context.Context, t handover.Thread, o directory.Office, in dialog.Input, out *dialog.Output) (*dialog.Text, error)
	BlockDays() int
}

// maxSuggestions bounds the offices a counsellor can name when declining for another office.
const maxSuggestions = 12

// threadArg reads the thread id at the start of a hand-over button's argument; 0 for none.
func threadArg(arg string) int64 {
	first, _, _ := strings.Cut(arg, ":")
	id, err := strconv.ParseInt(first, 10, 64)
	if err != nil || id <= 0 || first != strconv.FormatInt(id, 10) {
		return 0
	}
	return id
}

func threadData(id int64) string { return strconv.FormatInt(id, 10) }

// authoriseThread loads the thread a hand-over button names and reports whether m may act on
// it: a counsellor of its office. A closed thread is marked gone, and nothing of it is loaded.
func (e *Engine) authoriseThread(ctx context.Context, m *Member, need Action, p *press) (bool, error) {
	if e.Relay == nil || threadArg(p.arg) == 0 {
		return false, nil
	}
	t, o, err := e.Relay.Thread(ctx, threadArg(p.arg))
	if handover.IsGone(err) {
		p.gone = true
		return true, nil
	}
	if err != nil {
		return false, err
	}
	if !m.Allowed(need, o.ID) {
		return false, nil
	}
	p.thread, p.office = t, o
	return true, nil
}

// threadGone answers a button or message about a thread that is closed.
func threadGone(m *Member, out *dialog.Output) {
	m.Flow.Thread = 0
	notice := t("staff.handover.gone")
	out.Notice = &notice
	out.Messages = append(out.Messages, say(notice))
}

func actorOf(m *Member) handover.Actor {
	return handover.Actor{StaffID: m.ID, Name: m.Name, Label: ActorOf(m).Label}
}

// idOffice are the data of the messages about one thread.
func idOffice(th handover.Thread, o directory.Office, kv ...any) []any {
	return append([]any{"ID", th.ID, "Office", dialog.Raw(o.Name)}, kv...)
}

// takenByOther says that a colleague owns the thread.
func takenByOther(th handover.Thread, o directory.Office, out *dialog.Output) {
	out.Messages = append(out.Messages, say(t("staff.handover.taken_other", idOffice(th, o, "Name", dialog.Raw(th.OwnerName))...)))
}

// take makes the counsellor the owner of a waiting request, and their typed messages go to it.
func (e *Engine) take(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	th, err := e.Relay.Take(ctx, p.thread, p.office, actorOf(m), out)
	switch {
	case handover.IsGone(err):
		threadGone(m, out)
		return nil
	case errors.Is(err, handover.ErrTaken):
		takenByOther(th, p.office, out)
		return nil
	case err != nil:
		return err
	}
	m.Flow = m.Flow.then(Flow{Thread: th.ID})
	msg := say(t("staff.handover.taken_you", idOffice(th, p.office)...))
	msg.Buttons = [][]button{{btn(t("staff.handover.button.end"), codeEnd, threadData(th.ID))}}
	out.Messages = append(out.Messages, msg)
	return nil
}

// declineAsk offers the reasons to decline a waiting request.
func (e *Engine) declineAsk(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	if p.thread.Status != handover.StatusWaiting {
		takenByOther(p.thread, p.office, out)
		return nil
	}
	id := threadData(p.thread.ID)
	msg := say(t("staff.handover.decline_ask", idOffice(p.thread, p.office)...))
	msg.Buttons = [][]button{
		{btn(t("staff.handover.button.full"), codeDeclineFull, id)},
		{btn(t("staff.handover.button.wrong"), codeDeclineWrong, id)},
		{cancelButton()},
	}
	out.Messages = append(out.Messages, msg)
	return nil
}

// declineFull declines a request because the office takes no new clients.
func (e *Engine) declineFull(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	return e.decline(ctx, m, p, nil, out)
}

// decline ends a waiting request for a reason, suggesting another office or not.
func (e *Engine) decline(ctx context.Context, m *Member, p press, suggest *directory.Office, out *dialog.Output) error {
	if p.thread.Status != handover.StatusWaiting {
		takenByOther(p.thread, p.office, out)
		return nil
	}
	err := e.Relay.Decline(ctx, p.thread, p.office, actorOf(m), suggest, out)
	if handover.IsGone(err) {
		threadGone(m, out)
		return nil
	}
	if err != nil {
		return err
	}
	out.Messages = append(out.Messages, say(t("staff.handover.declined", idOffice(p.thread, p.office, "Name", dialog.Raw(m.Name))...)))
	return nil
}

// suggestable are the offices a counsellor may name instead of theirs for the request th:
// the active ones but theirs, without the counselling offices (JMD, MBE) that serve none of
// the request's age group (an MBE for a 17-year-old); those counselling offices first, then
// the add-on services for the request's topic, then the other services.
func (e *Engine) suggestable(ctx context.Context, th handover.Thread, not string) ([]directory.Office, error) {
	offices, err := e.Store.Offices(ctx, false)
	if err != nil {
		return nil, err
	}
	lo, hi, banded := conversation.AgeBandRange(th.AgeBand)
	offices = slices.DeleteFunc(offices, func(o directory.Office) bool {
		if o.ID == not {
			return true
		}
		if !o.Kind.Counselling() || !banded {
			return false
		}
		for age := lo; age <= hi; age++ {
			if o.ServesAge(age) {
				return false
			}
		}
		return true
	})
	rank := func(o directory.Office) int {
		switch {
		case o.Kind.Counselling():
			return 0
		case slices.Contains(o.Topics, th.Topic):
			return 1
		}
		return 2
	}
	slices.SortStableFunc(offices, func(a, b directory.Office) int { return rank(a) - rank(b) })
	return offices[:min(len(offices), maxSuggestions)], nil
}

// declineWrong asks which office the newcomer should ask instead.
func (e *Engine) declineWrong(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	offices, err := e.suggestable(ctx, p.thread, p.office.ID)
	if err != nil {
		return err
	}
	msg := say(t("staff.handover.pick_office", idOffice(p.thread, p.office)...))
	for i, label := range officeButtons(offices) {
		msg.Buttons = append(msg.Buttons, []button{btn(label, codeSuggest, threadData(p.thread.ID), officeRef(offices[i].ID))})
	}
	msg.Buttons = append(msg.Buttons, []button{cancelButton()})
	out.Messages = append(out.Messages, msg)
	return nil
}

// suggest declines a request, naming the office the argument refers to.
func (e *Engine) suggest(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	_, ref, _ := strings.Cut(p.arg, ":")
	offices, err := e.suggestable(ctx, p.thread, p.office.ID)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(offices, func(o directory.Office) bool { return officeRef(o.ID) == ref })
	if i < 0 {
		denied(m, out)
		return nil
	}
	return e.decline(ctx, m, p, &offices[i], out)
}

// replyTo points the counsellor's typed messages at a thread they took.
func (e *Engine) replyTo(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	if p.thread.Status != handover.StatusTaken || p.thread.Owner != m.ID {
		takenByOther(p.thread, p.office, out)
		return nil
	}
	m.Flow = m.Flow.then(Flow{Thread: p.thread.ID})
	out.Messages = append(out.Messages, say(t("staff.handover.writing", idOffice(p.thread, p.office)...)))
	return nil
}

// endAsk asks whether to end a thread, or to block the newcomer.
func (e *Engine) endAsk(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	id := threadData(p.thread.ID)
	days := dialog.Plural("privacy_days", e.Relay.BlockDays())
	msg := say(t("staff.handover.end_ask", idOffice(p.thread, p.office, "Days", days)...))
	msg.Buttons = [][]button{
		{btn(t("staff.handover.button.end_yes"), codeEndDo, id)},
		{btn(t("staff.handover.button.block"), codeBlockDo, id)},
		{btn(t("button.back"), codeReply, id)},
	}
	out.Messages = append(out.Messages, msg)
	return nil
}

func (e *Engine) endDo(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	return e.end(ctx, m, p, false, out)
}

func (e *Engine) blockDo(ctx context.Context, m *Member, p press, out *dialog.Output) error {
	return e.end(ctx, m, p, true, out)
}

// end closes a thread for the office, blocking the newcomer or not.
func (e *Engine) end(ctx context.Context, m *Member, p press, block bool, out *dialog.Output) error {
	err := e.Relay.End(ctx, p.thread, p.office, actorOf(m), block, out)
	if handover.IsGone(err) {
		threadGone(m, out)
		return nil
	}
	if err != nil {
		return err
	}
	if m.Flow.Thread == p.thread.ID {
		m.Flow.Thread = 0
	}
	id := "staff.handover.closed"
	if block {
		id = "staff.handover.blocked"
	}
	out.Messages = append(out.Messages, say(t(id, idOffice(p.thread, p.office, "Name", dialog.Raw(m.Name))...)))
	return nil
}

// relayable reports whether an input can be passed on: text, a photo or a document.
func relayable(in dialog.Input) bool {
	return in.Kind == dialog.InputText || in.Kind == dialog.InputFile
}

// relayTyped passes what the counsellor writes on to the newcomer of the thread they reply to,
// after checking, again, that they may.
func (e *Engine) relayTyped(ctx context.Context, m *Member, in dialog.Input, out *dialog.Output) error {
	th, o, err := e.Relay.Thread(ctx, m.Flow.Thread)
	if handover.IsGone(err) {
		threadGone(m, out)
		return nil
	}
	if err != nil {
		return err
	}
	if !m.Allowed(ActionHandover, o.ID) || th.Status != handover.StatusTaken || th.Owner != m.ID {
		m.Flow.Thread = 0
		out.Messages = append(out.Messages, say(t("staff.denied")))
		return nil
	}
	problem, err := e.Relay.FromCounsellor(ctx, th, o, in, out)
	if err != nil || problem != nil {
		if problem != nil {
			out.Messages = append(out.Messages, say(*problem))
		}
		return err
	}
	out.Messages = append(out.Messages, say(t("staff.handover.passed_on", idOffice(th, o)...)))
	return nil
}

// RequestCard is a new request as each counsellor of its office gets it (handover.Cards),
// and again as a reminder: what the newcomer agreed to share, and nothing else.
func (e *Engine) RequestCard(th handover.Thread, o directory.Office, body string, reminder bool) dialog.Message {
	head := "staff.handover.request"
	if reminder {
		head = "staff.handover.reminder"
	}
	msg := say(t(head, idOffice(th, o)...),
		t("staff.handover.details", "Language", dialog.Text{Language: th.Lang},
			"Age", conversation.AgeBandLabel(th.AgeBand), "Topic", conversation.TopicLabel(th.Topic)),
		dialog.Raw(""), dialog.Raw(body), dialog.Raw(""), t("staff.handover.anonymous"))
	id := threadData(th.ID)
	msg.Buttons = [][]button{{btn(t("staff.handover.button.take"), codeTake, id), btn(t("staff.handover.button.decline"), codeDecline, id)}}
	return msg
}

// RelayCard is a newcomer's message passed on to the counsellor who took the thread, marked
// with the thread and its office (handover.Cards).
func (e *Engine) RelayCard(th handover.Thread, o directory.Office, body string, file *dialog.File) dialog.Message {
	msg := say(t("staff.handover.from", idOffice(th, o)...))
	if body != "" {
		msg.Lines = append(msg.Lines, dialog.Raw(body))
	}
	msg.File = file
	id := threadData(th.ID)
	msg.Buttons = [][]button{{btn(t("staff.handover.button.reply"), codeReply, id), btn(t("staff.handover.button.end"), codeEnd, id)}}
	return msg
}
