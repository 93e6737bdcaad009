package handover

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// Contactable reports which of the offices can be asked to contact a newcomer: not archived,
// not saying they take no new clients, and with at least one active counsellor account.
func (e *Engine) Contactable(ctx context.Context, offices []directory.Office) (map[string]bool, error) {
	var ids []string
	for _, o := range offices {
		if takesRequests(&o) {
			ids = append(ids, o.ID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	if e.Roster != nil {
		return e.Roster.Reachable(ctx, ids)
	}
	return e.Store.Reachable(ctx, ids)
}

// takesRequests reports whether an office takes requests at all: one that has not said
// whether it takes new clients may be asked (its counsellors can decline).
func takesRequests(o *directory.Office) bool {
	return !o.Archived && (o.AcceptingNewClients == nil || *o.AcceptingNewClients)
}

// askable finds the office a button's reference names among those that can be asked now.
func (e *Engine) askable(ctx context.Context, ref string) (directory.Office, bool, error) {
	offices, err := e.Store.Offices(ctx, false)
	if err != nil {
		return directory.Office{}, false, err
	}
	for _, o := range offices {
		if directory.Ref(o.ID) != ref {
			continue
		}
		ok, err := e.Contactable(ctx, []directory.Office{o})
		return o, ok[o.ID], err
	}
	return directory.Office{}, false, nil
}

// refusal says why this newcomer cannot ask this office now, or nil: they asked it already,
// they have MaxOpen requests open, or the office blocked them.
func (e *Engine) refusal(ctx context.Context, c *Chat, o directory.Office) (*dialog.Text, error) {
	threads, err := e.Store.ThreadsOf(ctx, c.Key)
	if err != nil {
		return nil, err
	}
	for _, t := range threads {
		if t.Office == o.ID {
			r := dialog.T("handover.already", "Office", dialog.Raw(o.Name))
			return &r, nil
		}
	}
	if len(threads) >= MaxOpen {
		r := dialog.T("handover.limit", "Max", MaxOpen)
		return &r, nil
	}
	blocked, err := e.Store.BlockedBy(ctx, o.ID, c.Key, e.now())
	if err != nil || !blocked {
		return nil, err
	}
	r := dialog.T("handover.unreachable")
	return &r, nil
}

// ask starts a request to the office a result card's button names: it says what will be
// shared and which languages the counsellors speak, and waits for the message.
func (e *Engine) ask(ctx context.Context, c *Chat, ref string, out *dialog.Output) error {
	s := c.State
	if s.Lang == "" || s.Age == nil || s.Topic == "" {
		return stale(out)
	}
	o, ok, err := e.askable(ctx, ref)
	if err != nil {
		return err
	}
	if !ok {
		out.Say(dialog.T("handover.unreachable"))
		return nil
	}
	no, err := e.refusal(ctx, c, o)
	if err != nil || no != nil {
		if no != nil {
			out.Say(*no)
		}
		return err
	}
	c.Relay.Draft = &Draft{Office: o.ID}
	m := out.Say(dialog.T("handover.consent", shared(o, s)...), languagesLine(o), dialog.T("handover.write"))
	m.Buttons = [][]dialog.Button{{cancelButton()}}
	return nil
}

// shared are the data of the messages that say what a request shares.
func shared(o directory.Office, s *conversation.State) []any {
	return []any{"Office", dialog.Raw(o.Name), "Language", dialog.Text{Language: s.Lang},
		"Age", conversation.AgeBandLabel(band(s)), "Topic", conversation.TopicLabel(s.Topic)}
}

// band is the age band a request shares: the parent's, for a young child's parent.
func band(s *conversation.State) string {
	if *s.Age < directory.JMDMinAge && s.ParentAge != nil {
		return conversation.AgeBand(*s.ParentAge)
	}
	return conversation.AgeBand(*s.Age)
}

// languagesLine says which languages the office's counsellors speak.
func languagesLine(o directory.Office) dialog.Text {
	if len(o.Languages) == 0 {
		return dialog.T("handover.languages_unknown")
	}
	names := make([]dialog.Text, len(o.Languages))
	for i, l := range o.Languages {
		names[i] = dialog.Text{Language: l}
	}
	return dialog.T("handover.languages", "Languages", dialog.List(names...))
}

// drafted takes the request's message, after what was written for it before (a request
// typed in several messages is one), and shows exactly what will be sent, to confirm.
func (e *Engine) drafted(ctx context.Context, c *Chat, text string, out *dialog.Output) error {
	text = strings.TrimSpace(withoutOverrides(text))
	if !visible(text) {
		out.Say(dialog.T("handover.write")).Buttons = [][]dialog.Button{{cancelButton()}}
		return nil
	}
	if problem := unreadable(text); problem != nil {
		out.Say(*problem, dialog.T("handover.write")).Buttons = [][]dialog.Button{{cancelButton()}}
		return nil
	}
	if c.Relay.Draft.Body != nil {
		// A request written in several messages is one: what came before, then this.
		before, err := e.Box.Open(c.Relay.Draft.Body)
		if err != nil {
			return fmt.Errorf("handover: draft: %w", err)
		}
		text = string(before) + "\n" + text
	}
	if n := utf8.RuneCountInString(text); n > MaxBody {
		out.Say(dialog.T("handover.too_long", "Max", MaxBody))
		return nil
	}
	o, err := e.Store.Office(ctx, c.Relay.Draft.Office)
	if err != nil {
		return err
	}
	c.Relay.Draft.Body = e.Box.Seal([]byte(text))
	m := out.Say(dialog.T("handover.check", shared(o, c.State)...), dialog.Raw(text))
	m.Buttons = [][]dialog.Button{
		{button(dialog.T("handover.button.send"), codeSend), button(dialog.T("handover.button.rewrite"), codeRewrite)},
		{cancelButton()},
	}
	return nil
}

// send stores the confirmed request and passes it to every counsellor of the office.
func (e *Engine) send(ctx context.Context, c *Chat, out *dialog.Output) error {
	d := c.Relay.Draft
	if d == nil || d.Body == nil || c.State.Age == nil || c.State.Topic == "" {
		return stale(out)
	}
	body, err := e.Box.Open(d.Body)
	if err != nil {
		return fmt.Errorf("handover: draft: %w", err)
	}
	o, ok, err := e.askable(ctx, directory.Ref(d.Office))
	if err != nil {
		return err
	}
	no, err := e.refusal(ctx, c, o)
	if err != nil {
		return err
	}
	c.Relay.Draft = nil
	switch {
	case !ok:
		out.Say(dialog.T("handover.unreachable"))
		return nil
	case no != nil:
		out.Say(*no)
		return nil
	}
	t, err := e.Store.CreateThread(ctx, NewThread{Office: o.ID, ChatKey: c.Key, Chat: e.Box.Seal([]byte(strconv.FormatInt(c.ID, 10))),
		Request: e.Box.Seal(body), Lang: c.State.Lang, AgeBand: band(c.State), Topic: c.State.Topic, At: e.now(), Uncounted: c.Staff})
	if err != nil {
		return err
	}
	if err := e.toCounsellors(ctx, o, 0, out, e.Cards.RequestCard(t, o, string(body), false)); err != nil {
		return err
	}
	c.Relay.Focus = t.ID
	out.Say(dialog.T("handover.sent", "Office", dialog.Raw(o.Name)))
	out.Record(dialog.EventHandoverRequested, "office", o.ID, "lang", t.Lang)
	return nil
}

// toCounsellors adds a message for every active counsellor of the thread's office but the
// one with staff id except (0: none), each in the language of their own conversation.
func (e *Engine) toCounsellors(ctx context.Context, o directory.Office, except int64, out *dialog.Output, msg dialog.Message) error {
	cs, err := e.Store.Counsellors(ctx, o.ID)
	if err != nil {
		return err
	}
	langs, err := e.langs(ctx, cs)
	if err != nil {
		return err
	}
	for _, c := range cs {
		if c.StaffID != except {
			out.Others = append(out.Others, dialog.Outgoing{ChatID: c.TelegramID, Lang: langs[c.TelegramID], Message: msg})
		}
	}
	return nil
}

// StaffLang is the language of a staff member who never chose one.
const StaffLang = "de"

// langs are the languages the counsellors chose in their own chats, by Telegram id.
func (e *Engine) langs(ctx context.Context, cs []Counsellor) (map[int64]string, error) {
	keys := make([]string, len(cs))
	for i, c := range cs {
		keys[i] = e.Key(c.TelegramID)
	}
	byKey, err := e.Store.ChatLangs(ctx, keys)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(cs))
	for i, c := range cs {
		out[c.TelegramID] = StaffLang
		if l := byKey[keys[i]]; l != "" {
			out[c.TelegramID] = l
		}
	}
	return out, nil
}
