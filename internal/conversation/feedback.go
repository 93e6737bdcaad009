package conversation

import (
	"context"
	"slices"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// whyReasons are the answers to "what was missing?" after 👎, with their labels, in the order
// they are offered.
var whyReasons = []struct{ value, label string }{
	{whyOffice, "why.button.office"},
	{whyPhone, "why.button.phone"},
	{whyLanguage, "why.button.language"},
	{whyOther, "why.button.something_else"},
}

// whyAnswers are the first line of the answer to each reason.
var whyAnswers = map[string]string{
	whyOffice: "why.answer.office", whyPhone: "why.answer.phone", whyLanguage: "why.answer.language",
	whyOther: "why.answer.something_else",
}

// whyQuestion asks what was missing, with the reasons as buttons.
func whyQuestion() dialog.Message {
	m := dialog.Message{Lines: []dialog.Text{dialog.T("why.question")}}
	for _, r := range whyReasons {
		m.Buttons = append(m.Buttons, []dialog.Button{button(dialog.T(r.label), prefixWhy, r.value)})
	}
	return m
}

// whyChoice takes the reason tapped, counts it anonymously, and leads to other ways to get
// advice.
func whyChoice(s *State, value string, out *dialog.Output) (chosen, bool) {
	i := slices.IndexFunc(whyReasons, func(r struct{ value, label string }) bool { return r.value == value })
	if i < 0 {
		return chosen{}, false
	}
	s.AskedWhy = false
	out.Record(dialog.EventFeedbackReason, "reason", value)
	label, asked := dialog.T(whyReasons[i].label), whyQuestion()
	return chosen{label: &label, asked: &asked, why: value}, true
}

// whyAnswer offers other ways after 👎: the next office that usually speaks the person's
// language and was not named yet (for "not the right office", any office not named yet when
// none does), online counselling for the age, and, where the person's needs are the family's,
// the helpline for women affected by violence (a man looking for work who taps "nobody
// answers" is not offered it).
func (e *Engine) whyAnswer(ctx context.Context, s *State, reason string, out *dialog.Output) error {
	m := dialog.Message{Lines: []dialog.Text{dialog.T(whyAnswers[reason])}}
	if !s.childAlone() {
		next, err := e.nextOffice(ctx, s, reason == whyOffice)
		if err != nil {
			return err
		}
		switch {
		case next == nil && reason == whyLanguage:
			// Said only where the person asked for an office in their language, in the place
			// of "here are other ways in your language", which this would contradict (J4): the
			// online counselling below is in many languages.
			m.Lines = []dialog.Text{dialog.T("why.no_other_office")}
		case next != nil:
			n := len(s.Results) + 1
			s.Results = append(s.Results, next.Office.ID)
			s.Card = s.Card || next.Office.Kind.Counselling()
			m.Lines = append(m.Lines, dialog.Raw(""))
			if next.Has(directory.ReasonLanguage) {
				// Not for an office of any language ("not the right office"): it would say
				// it speaks the person's.
				m.Lines = append(m.Lines, dialog.T("why.other_office"), dialog.Raw(""))
			}
			m.Lines = append(m.Lines, fromCentre(e.centre(s), s.Postcode, *next, OfficeLines(*next, n, true))...)
			if next.Office.HasPosition() {
				m.Buttons = append(m.Buttons, []dialog.Button{mapButton(next.Office, n)})
			}
		}
	}
	m.Lines = append(m.Lines, dialog.Raw(""))
	m.Lines = append(m.Lines, onlineLines(s)...)
	if slices.Contains(s.needs(), familyTopic) {
		m.Lines = append(m.Lines, dialog.Raw(""), dialog.T("safety.women"))
	}
	m.Buttons = append(m.Buttons, resultNav(s)...)
	out.Messages = append(out.Messages, m)
	return nil
}

// nextOffice is the best office for the answers that usually offers counselling in the
// person's language and was not named yet, or, when none does and anyLanguage is set, the best
// one not named yet; or nil.
func (e *Engine) nextOffice(ctx context.Context, s *State, anyLanguage bool) (*directory.Match, error) {
	q := directory.Query{Age: s.decidingAge(), Topic: s.Topic, Language: s.Lang, Lat: s.Lat, Lon: s.Lon, Place: s.Place, Limit: nextOfficeLimit}
	m, err := e.Dir.Match(ctx, q)
	if err != nil {
		return nil, err
	}
	var other *directory.Match
	for _, o := range m.Offices {
		if slices.Contains(s.Results, o.Office.ID) {
			continue
		}
		if o.Has(directory.ReasonLanguage) {
			return &o, nil
		}
		if other == nil && anyLanguage {
			other = &o
		}
	}
	return other, nil
}

// nextOfficeLimit is how many offices are looked through for the next one.
const nextOfficeLimit = 20
