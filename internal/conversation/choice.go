package conversation

import (
	"context"
	"strconv"
	"strings"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// choice handles a button tap. The data is untrusted: it is checked against the current step.
func (e *Engine) choice(ctx context.Context, s *State, in dialog.Input, out *dialog.Output) error {
	prefix, value := splitCode(in.Choice)
	step := s.Step()
	before := *s
	c, ok := e.applyChoice(s, step, prefix, value, out)
	if !ok {
		stale := dialog.T("stale")
		out.Notice = &stale
		out.Say(dialog.T("stale"))
		return e.reask(ctx, s, out)
	}
	if c.label != nil {
		// The tapped question stays in the chat, answered, without its buttons. A language
		// tap answers the picker, whatever step the conversation is at.
		asked := step
		if prefix == prefixLang {
			asked = StepLanguage
		}
		before.Lang = s.Lang
		q := e.question(&before, asked)
		if c.asked != nil {
			q = *c.asked
		}
		q.Buttons, q.AskLocation, q.Reply = nil, nil, nil
		q.Lines = append(q.Lines, dialog.T("answer.chosen", "Answer", *c.label))
		out.Edit = &q
		if asked != StepLanguage && c.why == "" {
			out.Record(dialog.EventAnswered, "step", string(step), "how", "button")
		}
	}
	switch {
	case c.venue != "":
		return e.venue(ctx, s, c.venue, out)
	case c.why != "":
		return e.whyAnswer(ctx, s, c.why, out)
	case c.card:
		return e.card(ctx, s, out)
	case c.reopen != "":
		return e.reopen(ctx, s, c.reopen, c.reopenAsk, out)
	case c.greet:
		return e.greet(ctx, s, nil, out)
	case c.next:
		return e.ask(ctx, s, out)
	case c.same:
		// The picker (/language) answered with the language in use: said so, and the
		// question waiting (or, under the result, what may come next) comes again, so
		// that the person is not left with the picker's tap and nothing to answer.
		out.Say(dialog.T("language.chosen"))
		return e.reask(ctx, s, out)
	}
	return nil
}

// chosen is what a valid button tap leads to.
type chosen struct {
	label *dialog.Text    // the answer, shown under the tapped question; nil leaves the message as it is
	asked *dialog.Message // the tapped message, when it is not the step's question
	next  bool            // ask the next question (or show the result)
	greet bool            // the welcome and the question: the language was chosen before any answer
	same  bool            // the language in use tapped again: say so, and the question again
	venue string          // show this office on the map
	why   string          // what was missing after 👎: offer other ways
	card  bool            // make the card to show at the office
	// reopen: the office of the consent to answer, or to ask for (reopenAsk)
	reopen    string
	reopenAsk bool
}

// applyChoice applies a button's data to the state. It returns false for data that does not
// belong to the current step: a stale button, or a forged one.
func (e *Engine) applyChoice(s *State, step Step, prefix, value string, out *dialog.Output) (chosen, bool) {
	answer := func(label dialog.Text) (chosen, bool) { return chosen{label: &label, next: true}, true }
	switch {
	case prefix == prefixLang:
		return e.languageChoice(s, value, out)
	case prefix == prefixNav && value == navLanguage:
		out.Messages = append(out.Messages, e.picker())
		return chosen{}, true
	case prefix == prefixAge && (step == StepAge || step == StepParentAge):
		return e.ageChoice(s, step, value)
	case prefix == prefixChild && step == StepChild && (value == childYes || value == childNo):
		return answer(takeWithParent(s, value == childYes, out))
	case prefix == prefixTopic && step == StepTopic && directory.Topic(value).Valid():
		s.setTopics(directory.Topic(value))
		return answer(TopicLabel(s.Topic))
	case prefix == prefixPlace && step == StepPlace && value == placeSkip:
		s.PlaceDone = true
		out.Say(dialog.T("place.skipped")).HideKeyboard = true
		return answer(dialog.T("place.skip"))
	case prefix == prefixResult && step == StepResult:
		return e.resultChoice(s, value, out)
	case prefix == prefixWhy && step == StepResult && s.AskedWhy:
		return whyChoice(s, value, out)
	case prefix == prefixChange && step == StepChange:
		return changeChoice(s, value)
	}
	return chosen{}, false
}

// languageChoice takes a tapped language. The language already in use, chosen before (a
// double tap, an older picker, /language answered with it), marks the tap and says that the
// conversation goes on in it, with the question waiting; the result is not sent again.
func (e *Engine) languageChoice(s *State, value string, out *dialog.Output) (chosen, bool) {
	lang, ok := e.shipped(value)
	if !ok {
		return chosen{}, false
	}
	if lang == s.Lang && !s.LangGuessed && s.Started {
		label := dialog.Raw(e.langName(lang))
		return chosen{label: &label, same: true}, true
	}
	// Nothing answered yet: the welcome, said in a language the person may not read, is
	// said in theirs, with the question.
	greet := s.opening() && lang != s.Lang
	if s.LangGuessed {
		if !greet {
			out.Say(dialog.T("language.chosen"))
		}
		out.Record(dialog.EventAnswered, "step", string(StepLanguage), "how", "button")
	}
	if lang != s.Lang {
		out.Record(dialog.EventLanguageSwitched, "from", s.Lang, "to", lang)
	}
	s.Lang, s.LangGuessed, s.Started = lang, false, true
	label := dialog.Raw(e.langName(lang))
	return chosen{label: &label, next: !greet, greet: greet}, true
}

// ageChoice takes a tapped age band, or one of the numbers of a typed answer with several.
func (e *Engine) ageChoice(s *State, step Step, value string) (chosen, bool) {
	parent := step == StepParentAge
	if n, ok := s.ageChoice(value); ok {
		takeTypedAge(s, n, parent)
		label := dialog.LTR(strconv.Itoa(n))
		return chosen{label: &label, next: true}, true
	}
	label, ok := bandLabels[value]
	if !ok || (parent && (value == bandUnder12 || value == band12to17)) {
		return chosen{}, false
	}
	setAge(s, bandAges[value], value, parent)
	l := dialog.T(label)
	return chosen{label: &l, next: true}, true
}

func changeChoice(s *State, value string) (chosen, bool) {
	switch value {
	case chgAge:
		clearAge(s)
	case chgTopic:
		s.setTopics()
	case chgPlace:
		s.PlaceDone, s.Lat, s.Lon, s.Postcode, s.Outside, s.Centre, s.Place = false, nil, nil, false, false, "", ""
	case chgBack:
	default:
		return chosen{}, false
	}
	s.Changing = false
	return chosen{next: true}, true
}

// bandAges stand in for the age when a band is tapped: any age of the band routes the same.
var bandAges = map[string]int{bandUnder12: 0, band12to17: 15, band18to26: 20, band27plus: 30}

func (e *Engine) resultChoice(s *State, value string, out *dialog.Output) (chosen, bool) {
	switch {
	case value == resRestart:
		s.answers()
		out.Record(dialog.EventStarted, "lang", s.Lang, "source", "restart")
		return chosen{next: true}, true
	case value == resChange:
		if s.childAlone() {
			// A child alone was asked nothing else: only the age can change.
			clearAge(s)
			return chosen{next: true}, true
		}
		s.Changing = true
		return chosen{next: true}, true
	case value == resCard:
		return chosen{card: true}, true
	case strings.HasPrefix(value, resReopen):
		return reopenChoice(s, strings.TrimPrefix(value, resReopen), out)
	case value == resYes:
		rate(s, value, out)
		thanks := dialog.T("feedback.thanks")
		out.Notice = &thanks
		return chosen{}, true
	case value == resNo:
		rate(s, value, out)
		s.AskedWhy = true
		out.Messages = append(out.Messages, whyQuestion())
		return chosen{}, true
	case strings.HasPrefix(value, resMap):
		id, ok := resultByRef(s, strings.TrimPrefix(value, resMap))
		return chosen{venue: id}, ok
	}
	return chosen{}, false
}

// rate counts the feedback on the result shown, once: the statistics count results rated, not
// taps.
func rate(s *State, answer string, out *dialog.Output) {
	if !s.Rated {
		s.Rated = true
		out.Record(dialog.EventFeedback, "answer", answer)
	}
}

// takeWithParent takes the answer whether a young child (or a young person of 12 to 17) lives
// with a parent (tapped or typed) and returns its label. A parent's age typed with the child's needs no question.
func takeWithParent(s *State, with bool, out *dialog.Output) dialog.Text {
	s.WithParent = &with
	if s.young() {
		if with {
			return dialog.T("teen.with_parent")
		}
		return dialog.T("teen.alone")
	}
	if !with {
		s.ParentHint = nil
		return dialog.T("child.alone")
	}
	if s.ParentHint != nil {
		s.ParentAge, s.ParentTyped, s.ParentHint = s.ParentHint, true, nil
		out.Say(dialog.T("parent.known", "Age", dialog.LTR(strconv.Itoa(*s.ParentAge))))
		out.Record(dialog.EventAnswered, "step", string(StepParentAge), "how", "text")
	}
	return dialog.T("child.with_parent")
}

// answerChild takes a typed yes or no to whether a young child lives with a parent, says
// what was understood, and asks on.
func (e *Engine) answerChild(ctx context.Context, s *State, with bool, out *dialog.Output) error {
	out.Record(dialog.EventAnswered, "step", string(StepChild), "how", "text")
	label := takeWithParent(s, with, out)
	return e.askAfter(ctx, s, out, dialog.T("answer.chosen", "Answer", label))
}
