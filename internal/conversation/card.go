package conversation

import (
	"context"
	"errors"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// cardLang is the language of the card's second message, the one for the office.
const cardLang = "de"

// card makes the card to show at the counselling office or forward to a helper: a message in
// the reader's language and the same in German for the office (rendered from the German
// catalog, reviewed text, no machine translation): the age, the needs, the reader's language
// and whether an interpreter is needed (where the office lists its languages), the chosen
// office, an appointment request for each need and what to bring.
func (e *Engine) card(ctx context.Context, s *State, out *dialog.Output) error {
	office, ok, err := e.cardOffice(ctx, s)
	if err != nil {
		return err
	}
	if !ok {
		out.Say(dialog.T("card.none"))
		return e.reask(ctx, s, out)
	}
	own := cardMessage(s, &office)
	own.Lines = append([]dialog.Text{dialog.T("card.intro"), dialog.Raw("")}, own.Lines...)
	if s.Lang == cardLang {
		out.Messages = append(out.Messages, own)
		return nil
	}
	german := cardMessage(s, &office)
	german.Lines = append([]dialog.Text{dialog.T("card.heading"), dialog.Raw("")}, german.Lines...)
	german.Lang = cardLang
	out.Messages = append(out.Messages, own, german)
	return nil
}

// cardOffice is the office the card is for: the first JMD or MBE office of the result (an
// add-on service is not where the counselling happens).
func (e *Engine) cardOffice(ctx context.Context, s *State) (directory.Office, bool, error) {
	offices, err := e.resultOffices(ctx, s)
	if err != nil {
		return directory.Office{}, false, err
	}
	for _, o := range offices {
		if o.Kind.Counselling() {
			return o, true, nil
		}
	}
	return directory.Office{}, false, nil
}

// resultOffices are the offices the result named, in its order, but those removed since.
func (e *Engine) resultOffices(ctx context.Context, s *State) ([]directory.Office, error) {
	var out []directory.Office
	for _, id := range s.Results {
		o, err := e.Dir.Office(ctx, id)
		switch {
		case errors.Is(err, directory.ErrNotFound):
			continue // removed since the result was shown
		case err != nil:
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// cardMessage is the card's text; the caller says in which language it is rendered.
func cardMessage(s *State, o *directory.Office) dialog.Message {
	needs := s.needs()
	if len(needs) == 0 {
		needs = []directory.Topic{directory.TopicOther}
	}
	summary := dialog.T("card.summary", "Age", ageText(s), "Topics", TopicList(needs))
	if s.ParentAge != nil && *s.Age < directory.JMDMinAge {
		summary = dialog.T("card.summary_parent", "Age", ageText(s), "ParentAge", parentAgeText(s), "Topics", TopicList(needs))
	}
	language := dialog.T("card.language_only", "Language", dialog.Text{Language: s.Lang})
	if answer, known := interpreterNeeded(s.Lang, o); known {
		language = dialog.T("card.language", "Language", dialog.Text{Language: s.Lang}, "Answer", answer)
	}
	lines := []dialog.Text{summary, language, dialog.Raw(""), dialog.T("card.office"), dialog.Raw(o.Name)}
	if addr := address(o); addr != "" {
		lines = append(lines, dialog.T("office.address", "Address", dialog.Raw(addr)))
	}
	if o.Phone != "" {
		lines = append(lines, dialog.T("office.phone", "Phone", dialog.LTR(o.Phone)))
	}
	// The first need's request, and the others in one line: one "Good day" (J4: each need
	// had its own, one after the other).
	lines = append(lines, dialog.Raw(""), dialog.T("card.request_title"), dialog.T("card.request."+TopicMessageKey(needs[0])))
	if len(needs) > 1 {
		lines = append(lines, dialog.T("card.request_also", "Topics", TopicList(needs[1:])))
	}
	lines = append(lines, dialog.Raw(""), dialog.T("card.bring_title"))
	for _, t := range needs {
		lines = append(lines, dialog.Join("", dialog.Raw("• "), dialog.T("card.bring."+TopicMessageKey(t))))
	}
	return dialog.Message{Lines: lines}
}

// interpreterNeeded says whether the office needs an interpreter for a reader of lang: not
// when it lists the language (or the reader speaks German), yes when it lists others; when it
// lists none, that is not known (false), and the card says only the language.
func interpreterNeeded(lang string, o *directory.Office) (dialog.Text, bool) {
	key := directory.LanguageKey(lang)
	switch {
	case key == directory.LanguageKey(cardLang):
		return dialog.T("card.no"), true
	case len(o.Languages) == 0:
		return dialog.Text{}, false
	}
	for _, l := range o.Languages {
		if directory.LanguageKey(l) == key {
			return dialog.T("card.no"), true
		}
	}
	return dialog.T("card.yes"), true
}
