package conversation

import (
	"context"
	"slices"
	"strings"

	"github.com/kassel/wegweiser/internal/dialog"
)

// begin starts a conversation at a person's first input, whatever it is: in the language a
// share link or a tapped language names, or the one a typed message is written in or names,
// or else the language of their app. Nobody is stopped at a language picker: the greeting
// and the first question come at once, with one button for another language, and a first
// message that answers the question (an age, a need) counts as the answer.
func (e *Engine) begin(ctx context.Context, s *State, in dialog.Input, out *dialog.Output) error {
	*s = State{Started: true}
	lang, how := e.firstLanguage(in)
	s.Lang, s.LangGuessed = lang, how == ""
	source, tag := "direct", ""
	if in.Kind == dialog.InputCommand && in.Text == "start" {
		_, tag = e.startPayload(in.Arg) // a campaign link's tag (campaign.go)
	}
	if how == "link" || tag != "" {
		source = "link"
	}
	out.Record(dialog.EventStarted, startDims(lang, source, tag)...)
	if how == "button" || how == "text" {
		out.Record(dialog.EventAnswered, "step", string(StepLanguage), "how", how)
	}
	var said []dialog.Text
	switch {
	case in.Kind == dialog.InputCommand && in.Text == "help":
		// The help says what the bot is: the question follows without a greeting.
		out.Say(dialog.T("help"))
		out.Messages = append(out.Messages, withLanguageRow(e.question(s, s.Step()), s))
		return nil
	case in.Kind == dialog.InputCommand && in.Text == "privacy":
		out.Say(e.privacy()...)
	case in.Kind == dialog.InputCommand && in.Text == "about":
		out.Messages = append(out.Messages, e.about())
	case in.Kind == dialog.InputCommand && in.Text == "language" && how == "":
		s.Picking = true
		out.Messages = append(out.Messages, dialog.Message{Lines: []dialog.Text{dialog.T("welcome")}})
		out.Messages = append(out.Messages, e.picker())
		return nil
	case in.Kind == dialog.InputText && how == "":
		if err := e.firstAnswer(ctx, s, strings.TrimSpace(in.Text), out); err != nil {
			return err
		}
		e.offerUndecided(s, in.Text, e.Langs.Match(in.ClientLang), out)
		return nil
	case in.Kind == dialog.InputUnsupported:
		said = append([]dialog.Text{dialog.T("unsupported")}, onlineLines(s)...)
	}
	return e.greet(ctx, s, said, out)
}

// firstLanguage chooses the language of a first input. how is "link", "button" or "text"
// when the input names a language, and "" when the language is a guess.
func (e *Engine) firstLanguage(in dialog.Input) (lang, how string) {
	switch in.Kind {
	case dialog.InputCommand:
		if l, _ := e.startPayload(in.Arg); l != "" && in.Text == "start" {
			return l, "link"
		}
		if in.Text == "language" { // "/language uk", "/language Українська"
			if l, ok := e.languageArg(in.Arg); ok {
				return l, "text"
			}
		}
	case dialog.InputChoice:
		if p, v := splitCode(in.Choice); p == prefixLang {
			if l, ok := e.shipped(v); ok {
				return l, "button"
			}
		}
	case dialog.InputText:
		if l, ok := e.Langs.Named(strings.TrimSpace(in.Text)); ok {
			return l, "text"
		}
		if l, ok := e.namedAmong(e.Langs.Match(in.ClientLang), in.Text); ok {
			return l, "text"
		}
	}
	app := e.Langs.Match(in.ClientLang)
	if in.Kind == dialog.InputText {
		if g := e.Langs.Guess(in.Text, app); g != "" {
			return g, ""
		}
	}
	return app, ""
}

// firstAnswer reads a first typed message as what it answers: an age, needs, or both. A
// message that names a need is read as an age only where that is plain: a number of 12 or
// more ("I need a flat, I am 34"), or several numbers to choose from; "I have 2 children and
// need a flat" is a need, and the age is asked.
func (e *Engine) firstAnswer(ctx context.Context, s *State, text string, out *dialog.Output) error {
	if reason, answer := CheckMessage(text); reason != "" {
		return e.greet(ctx, s, []dialog.Text{answer}, out) // "Your message is very long ...", then the question
	}
	if e.callsForHelpInAny(text) {
		// A plea first: what the bot is, with the emergency line (see plea in engine.go), and
		// the question follows without a greeting.
		out.Say(dialog.T("plea"))
		out.Messages = append(out.Messages, withLanguageRow(e.question(s, s.Step()), s))
		return nil
	}
	var said []dialog.Text
	if topics := e.Langs.RecognizeTopics(s.Lang, text); len(topics) > 0 {
		said = append(said, takeTypedTopics(s, topics, out))
	}
	nums, _ := e.Langs.Numbers(s.Lang, text)
	ages, _ := e.typedAges(s.Lang, text, false)
	if len(nums) == 0 || (len(said) > 0 && !e.plainAge(s.Lang, text, ages)) {
		return e.greet(ctx, s, said, out)
	}
	var answer dialog.Output
	if err := e.answerAge(ctx, s, text, false, &answer); err != nil {
		return err
	}
	out.Events = append(out.Events, answer.Events...)
	msgs := answer.Messages
	if len(said) > 0 {
		msgs = append([]dialog.Message{{Lines: said}}, msgs...)
	}
	out.Messages = append(out.Messages, greeting(s, msgs))
	return nil
}

// greet says the welcome, what was said in between, and the current question, as one
// message with a button for another language.
func (e *Engine) greet(ctx context.Context, s *State, said []dialog.Text, out *dialog.Output) error {
	var q dialog.Output
	if len(said) > 0 {
		q.Say(said...)
	}
	if err := e.ask(ctx, s, &q); err != nil {
		return err
	}
	out.Messages = append(out.Messages, greeting(s, q.Messages))
	return nil
}

// greeting joins the welcome and msgs into one message, with the buttons of the last one and
// a button for another language.
func greeting(s *State, msgs []dialog.Message) dialog.Message {
	g := dialog.Message{Lines: []dialog.Text{dialog.T("welcome")}}
	for _, m := range msgs {
		g.Lines = append(g.Lines, dialog.Raw(""))
		g.Lines = append(g.Lines, m.Lines...)
		g.Buttons = m.Buttons
		g.AskLocation = m.AskLocation
		g.Reply = m.Reply
	}
	return withLanguageRow(g, s)
}

// offerUndecided offers, by name, the languages a message may as well be written in as the
// one the conversation took (i18n.Catalog.Undecided, with hint the language known before it):
// a Dari speaker whose first word is "سلام", which Arabic and Pashto say too, is greeted in
// Arabic, and finds "دری" under the welcome, not only behind "another language". Only while
// the language is a guess; the buttons go before that of the picker, in rows of three.
func (e *Engine) offerUndecided(s *State, text, hint string, out *dialog.Output) {
	if !s.LangGuessed {
		return
	}
	var offered []dialog.Button
	for _, l := range e.Langs.Undecided(strings.TrimSpace(text), hint) {
		if l != s.Lang {
			offered = append(offered, button(dialog.Raw(e.langName(l)), prefixLang, l))
		}
	}
	if len(offered) == 0 {
		return
	}
	for i := len(out.Messages) - 1; i >= 0; i-- {
		m := &out.Messages[i]
		for r, row := range m.Buttons {
			if len(row) == 1 && row[0].Data == code(prefixNav, navLanguage) {
				var rows [][]dialog.Button
				for len(offered) > 0 {
					n := min(3, len(offered))
					rows = append(rows, offered[:n])
					offered = offered[n:]
				}
				m.Buttons = slices.Concat(m.Buttons[:r], rows, m.Buttons[r:])
				return
			}
		}
	}
}

// withLanguageRow adds the button that opens the language picker, unless m has it.
func withLanguageRow(m dialog.Message, s *State) dialog.Message {
	for _, row := range m.Buttons {
		for _, b := range row {
			if b.Data == code(prefixNav, navLanguage) {
				return m
			}
		}
	}
	m.Buttons = append(m.Buttons, languageRow(s))
	return m
}
