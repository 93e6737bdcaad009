package conversation

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// Directory finds offices; the store implements it.
type Directory interface {
	Match(ctx context.Context, q directory.Query) (directory.Matches, error)
	Office(ctx context.Context, id string) (directory.Office, error)
}

// Language is a shipped language: its tag and its name in its own script.
type Language struct {
	Tag, Name string
}

// Languages is what the engine needs to know about the shipped translations.
type Languages interface {
	// List returns the shipped languages in the order the picker shows them.
	List() []Language
	// Match returns the shipped language closest to a client's language tag.
	Match(tag string) string
	// RecognizeTopics finds the topics free text written in lang names, the main one first.
	RecognizeTopics(lang, text string) []directory.Topic
}

// Engine runs conversations. It holds no per-chat data: all of that is in State.
type Engine struct {
	Dir   Directory
	Langs Languages
	// Operator names who is responsible for the service, for /privacy.
	Operator string
	// RetentionDays is how long an inactive conversation is kept, for /privacy.
	RetentionDays int
	// Now is the clock that says whether an office is open now; nil means time.Now.
	Now func() time.Time
	// Hours is the offices' zone and public holidays, for "open now". Without a Zone a result
	// says nothing about it: opening hours read in the wrong zone would mislead.
	Hours directory.Calendar
	// Contact says which offices of a result can be asked to contact the newcomer; nil
	// offers none.
	Contact Contacts
}

// MaxTextLength is how much free text the engine reads; longer text gets a short answer.
const MaxTextLength = 500

// Handle applies one input to a state. It returns the new state and what to say. An error
// means the directory could not be read; the state is then unchanged and the caller answers
// that the service is temporarily unavailable.
func (e *Engine) Handle(ctx context.Context, s State, in dialog.Input) (State, dialog.Output, error) {
	var out dialog.Output
	next := s
	var err error
	switch in.Kind {
	case dialog.InputCommand:
		err = e.command(ctx, &next, in, &out)
	case dialog.InputChoice:
		err = e.choice(ctx, &next, in, &out)
	case dialog.InputText:
		err = e.text(ctx, &next, in, &out)
	case dialog.InputLocation:
		err = e.location(ctx, &next, in, &out)
	case dialog.InputResume:
		if next.Lang == "" {
			e.start(&next, "", in.ClientLang, &out)
			break
		}
		err = e.reask(ctx, &next, &out)
	default:
		if next.Lang == "" {
			e.start(&next, "", in.ClientLang, &out)
			break
		}
		out.Say(dialog.T("unsupported"))
		err = e.reask(ctx, &next, &out)
	}
	if err != nil {
		return s, dialog.Output{}, err
	}
	return next, out, nil
}

func (e *Engine) command(ctx context.Context, s *State, in dialog.Input, out *dialog.Output) error {
	if s.Lang == "" && in.Text != "start" && in.Text != "delete" {
		// Before anything else: greet first, then answer what was asked.
		e.start(s, "", in.ClientLang, out)
		if in.Text != "help" && in.Text != "privacy" {
			return nil
		}
	}
	switch in.Text {
	case "start":
		e.start(s, in.Arg, in.ClientLang, out)
		if s.Lang != "" {
			return e.ask(ctx, s, out)
		}
		return nil
	case "language":
		out.Messages = append(out.Messages, e.picker())
		return nil
	case "help":
		out.Say(dialog.T("help"))
		return nil
	case "privacy":
		out.Say(dialog.T("privacy", "Operator", dialog.Raw(e.Operator), "Days", dialog.Plural("privacy_days", e.RetentionDays)), dialog.Raw(""), dialog.T("privacy_stats"))
		return nil
	case "delete":
		lang := s.Lang
		*s = State{}
		out.Erase = true
		if lang == "" {
			lang = e.Langs.Match(in.ClientLang)
		}
		// The goodbye is said in the language the user had; nothing of it is kept.
		out.Say(dialog.T("delete.done")).Lang = lang
		out.Record(dialog.EventErased)
		return nil
	case "restart":
		s.answers()
		out.Record(dialog.EventStarted, "lang", s.Lang, "source", "restart")
		return e.ask(ctx, s, out)
	}
	out.Say(dialog.T("unknown_command"))
	return e.reask(ctx, s, out)
}

// start begins a conversation. A payload naming a shipped language (a share link such as
// /start ar) selects it; otherwise the user is greeted in the language of their app and
// offered the picker.
func (e *Engine) start(s *State, payload, clientLang string, out *dialog.Output) {
	*s = State{Started: true}
	source := "direct"
	if lang, ok := e.shipped(payload); ok {
		s.Lang = lang
		source = "link"
		out.Record(dialog.EventStarted, "lang", lang, "source", source)
		out.Say(dialog.T("welcome"))
		return
	}
	// Greet in the language of the user's app, until they pick one.
	guess := e.Langs.Match(clientLang)
	out.Record(dialog.EventStarted, "lang", guess, "source", source)
	out.Say(dialog.T("welcome")).Lang = guess
	picker := e.picker()
	picker.Lang = guess
	out.Messages = append(out.Messages, picker)
}

func (e *Engine) shipped(tag string) (string, bool) {
	for _, l := range e.Langs.List() {
		if strings.EqualFold(l.Tag, tag) {
			return l.Tag, true
		}
	}
	return "", false
}

func (e *Engine) picker() dialog.Message {
	m := dialog.Message{Lines: []dialog.Text{dialog.T("language.prompt")}}
	langs := e.Langs.List()
	for i := 0; i < len(langs); i += 3 {
		var row []dialog.Button
		for _, l := range langs[i:min(i+3, len(langs))] {
			row = append(row, button(dialog.Raw(l.Name), prefixLang, l.Tag))
		}
		m.Buttons = append(m.Buttons, row)
	}
	return m
}

func (e *Engine) text(ctx context.Context, s *State, in dialog.Input, out *dialog.Output) error {
	if s.Lang == "" {
		e.start(s, "", in.ClientLang, out)
		return nil
	}
	text := strings.TrimSpace(in.Text)
	if utf8.RuneCountInString(text) > MaxTextLength {
		out.Say(dialog.T("too_long"))
		return e.reask(ctx, s, out)
	}
	switch s.Step() {
	case StepAge:
		return e.answerAge(ctx, s, text, false, out)
	case StepParentAge:
		return e.answerAge(ctx, s, text, true, out)
	case StepTopic:
		return e.answerTopic(ctx, s, text, out)
	case StepPlace:
		if lat, lon, ok := parseCoordinates(text); ok {
			return e.location(ctx, s, dialog.Input{Lat: lat, Lon: lon}, out)
		}
		out.Say(dialog.T("place.invalid"))
		return e.ask(ctx, s, out)
	}
	out.Say(dialog.T("use_buttons"))
	return e.reask(ctx, s, out)
}

// answerTopic reads a typed need. One topic is taken as the answer; several are offered as
// buttons, main one first, so that nothing the person named is guessed away.
func (e *Engine) answerTopic(ctx context.Context, s *State, text string, out *dialog.Output) error {
	topics := e.Langs.RecognizeTopics(s.Lang, text)
	switch len(topics) {
	case 0:
		out.Record(dialog.EventUnrecognizedTopic, "lang", s.Lang)
		out.Say(dialog.T("topic.not_understood"))
		return e.ask(ctx, s, out)
	case 1:
		s.Topic = topics[0]
		out.Record(dialog.EventAnswered, "step", string(StepTopic), "how", "text")
		out.Say(dialog.T("topic.recognized", "Topic", TopicLabel(s.Topic)))
		return e.ask(ctx, s, out)
	}
	m := dialog.Message{Lines: []dialog.Text{dialog.T("topic.several")}}
	for _, t := range topics {
		m.Buttons = append(m.Buttons, []dialog.Button{button(TopicLabel(t), prefixTopic, string(t))})
	}
	m.Buttons = append(m.Buttons, []dialog.Button{button(dialog.T("topic.all"), prefixNav, navTopics)})
	out.Messages = append(out.Messages, m)
	return nil
}

func (e *Engine) answerAge(ctx context.Context, s *State, text string, parent bool, out *dialog.Output) error {
	age, ok := ParseAge(text)
	if !ok || (parent && age < directory.JMDMinAge) {
		out.Say(dialog.T("age.invalid"))
		return e.ask(ctx, s, out)
	}
	e.setAge(s, age, ageBand(age), parent)
	step := StepParentAge
	if !parent {
		s.AgeTyped = true
		step = StepAge
	}
	out.Record(dialog.EventAnswered, "step", string(step), "how", "text")
	return e.ask(ctx, s, out)
}

func (e *Engine) setAge(s *State, age int, band string, parent bool) {
	if parent {
		s.ParentAge = &age
		return
	}
	s.Age = &age
	s.AgeBand = band
	s.AgeTyped = false
	s.WithParent, s.ParentAge = nil, nil
}

func (e *Engine) location(ctx context.Context, s *State, in dialog.Input, out *dialog.Output) error {
	if s.Lang == "" {
		e.start(s, "", in.ClientLang, out)
		return nil
	}
	if s.Step() != StepPlace || in.Lat < -90 || in.Lat > 90 || in.Lon < -180 || in.Lon > 180 {
		out.Say(dialog.T("use_buttons"))
		return e.reask(ctx, s, out)
	}
	s.Lat, s.Lon = round3(in.Lat), round3(in.Lon)
	s.PlaceDone = true
	out.Record(dialog.EventAnswered, "step", string(StepPlace), "how", "location")
	m := out.Say(dialog.T("place.thanks"))
	m.HideKeyboard = true
	return e.ask(ctx, s, out)
}

// ask says the current question (or, at the end, the result).
func (e *Engine) ask(ctx context.Context, s *State, out *dialog.Output) error {
	step := s.Step()
	if step == StepResult {
		return e.result(ctx, s, out)
	}
	out.Messages = append(out.Messages, e.question(s, step))
	return nil
}

// reask says the current question again after an input that did not answer it. At the end
// of the conversation that is the choice of what to do next, not the whole result again.
func (e *Engine) reask(ctx context.Context, s *State, out *dialog.Output) error {
	if s.Step() == StepResult {
		out.Messages = append(out.Messages, e.question(s, StepResult))
		return nil
	}
	return e.ask(ctx, s, out)
}

// question is the message that asks for step's answer, with its buttons.
func (e *Engine) question(s *State, step Step) dialog.Message {
	langRow := []dialog.Button{button(dialog.T("button.language"), prefixNav, navLanguage)}
	switch step {
	case StepLanguage:
		return e.picker()
	case StepAge:
		return dialog.Message{Lines: []dialog.Text{dialog.T("age.question")}, Buttons: [][]dialog.Button{
			{bandButton(bandUnder12), bandButton(band12to17)},
			{bandButton(band18to26), bandButton(band27plus)},
			langRow,
		}}
	case StepChild:
		return dialog.Message{Lines: []dialog.Text{dialog.T("child.question")}, Buttons: [][]dialog.Button{
			{button(dialog.T("child.with_parent"), prefixChild, childYes)},
			{button(dialog.T("child.alone"), prefixChild, childNo)},
		}}
	case StepParentAge:
		return dialog.Message{Lines: []dialog.Text{dialog.T("parent.question")}, Buttons: [][]dialog.Button{
			{bandButton(band18to26), bandButton(band27plus)},
		}}
	case StepTopic:
		// One topic a row: the labels are too long to share a row on a phone in many languages.
		m := dialog.Message{Lines: []dialog.Text{dialog.T("topic.question")}}
		for _, t := range directory.Topics {
			m.Buttons = append(m.Buttons, []dialog.Button{button(TopicLabel(t), prefixTopic, string(t))})
		}
		return m
	case StepPlace:
		share := dialog.T("place.share")
		return dialog.Message{Lines: []dialog.Text{dialog.T("place.question")}, AskLocation: &share,
			Buttons: [][]dialog.Button{ReplyButtons()}}
	case StepChange:
		return dialog.Message{Lines: []dialog.Text{dialog.T("change.question")}, Buttons: [][]dialog.Button{
			{button(dialog.T("change.age"), prefixChange, chgAge)},
			{button(dialog.T("change.topic"), prefixChange, chgTopic)},
			{button(dialog.T("change.place"), prefixChange, chgPlace)},
			{button(dialog.T("button.back"), prefixChange, chgBack)},
		}}
	}
	return dialog.Message{Lines: []dialog.Text{dialog.T("next.question")}, Buttons: resultNav()}
}

// ReplyButtons are the buttons the conversation offers beside a location request: a front end
// shows them on a reply keyboard, whose taps come back as their labels.
func ReplyButtons() []dialog.Button {
	return []dialog.Button{button(dialog.T("place.skip"), prefixPlace, placeSkip)}
}

func resultNav() [][]dialog.Button {
	return [][]dialog.Button{
		{button(dialog.T("button.change"), prefixResult, resChange)},
		{button(dialog.T("button.restart"), prefixResult, resRestart)},
		{button(dialog.T("button.language"), prefixNav, navLanguage)},
	}
}

// choice handles a button tap. The data is untrusted: it is checked against the current step.
func (e *Engine) choice(ctx context.Context, s *State, in dialog.Input, out *dialog.Output) error {
	prefix, value := splitCode(in.Choice)
	if s.Lang == "" && prefix != prefixLang {
		e.start(s, "", in.ClientLang, out)
		return nil
	}
	step := s.Step()
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
		q := e.question(&State{Lang: s.Lang}, asked)
		q.Buttons, q.AskLocation = nil, nil
		q.Lines = append(q.Lines, dialog.T("answer.chosen", "Answer", *c.label))
		out.Edit = &q
		if asked != StepLanguage {
			out.Record(dialog.EventAnswered, "step", string(step), "how", "button")
		}
	}
	switch {
	case c.venue != "":
		return e.venue(ctx, s, c.venue, out)
	case c.next:
		return e.ask(ctx, s, out)
	}
	return nil
}

// chosen is what a valid button tap leads to.
type chosen struct {
	label *dialog.Text // the answer, shown under the tapped question; nil leaves the message as it is
	next  bool         // ask the next question (or show the result)
	venue string       // show this office on the map
}

// applyChoice applies a button's data to the state. It returns false for data that does not
// belong to the current step: a stale button, or a forged one.
func (e *Engine) applyChoice(s *State, step Step, prefix, value string, out *dialog.Output) (chosen, bool) {
	answer := func(label dialog.Text) (chosen, bool) { return chosen{label: &label, next: true}, true }
	switch {
	case prefix == prefixLang:
		lang, ok := e.shipped(value)
		if !ok {
			return chosen{}, false
		}
		if s.Lang == "" {
			out.Say(dialog.T("language.chosen"))
			out.Record(dialog.EventAnswered, "step", string(StepLanguage), "how", "button")
		} else if lang != s.Lang {
			out.Record(dialog.EventLanguageSwitched, "from", s.Lang, "to", lang)
		}
		s.Lang, s.Started = lang, true
		return answer(dialog.Raw(e.langName(lang)))
	case prefix == prefixNav && value == navLanguage:
		out.Messages = append(out.Messages, e.picker())
		return chosen{}, true
	case prefix == prefixNav && value == navTopics && step == StepTopic:
		out.Messages = append(out.Messages, e.question(s, StepTopic))
		return chosen{}, true
	case prefix == prefixAge && (step == StepAge || step == StepParentAge):
		label, ok := bandLabels[value]
		if !ok || (step == StepParentAge && (value == bandUnder12 || value == band12to17)) {
			return chosen{}, false
		}
		e.setAge(s, bandAges[value], value, step == StepParentAge)
		return answer(dialog.T(label))
	case prefix == prefixChild && step == StepChild && (value == childYes || value == childNo):
		with := value == childYes
		s.WithParent = &with
		if with {
			return answer(dialog.T("child.with_parent"))
		}
		return answer(dialog.T("child.alone"))
	case prefix == prefixTopic && step == StepTopic && directory.Topic(value).Valid():
		s.Topic = directory.Topic(value)
		return answer(TopicLabel(s.Topic))
	case prefix == prefixPlace && step == StepPlace && value == placeSkip:
		s.PlaceDone = true
		out.Say(dialog.T("place.skipped")).HideKeyboard = true
		return answer(dialog.T("place.skip"))
	case prefix == prefixResult && step == StepResult:
		return e.resultChoice(s, value, out)
	case prefix == prefixChange && step == StepChange:
		switch value {
		case chgAge:
			s.Age, s.AgeBand, s.AgeTyped, s.WithParent, s.ParentAge = nil, "", false, nil, nil
		case chgTopic:
			s.Topic = ""
		case chgPlace:
			s.PlaceDone, s.Lat, s.Lon = false, nil, nil
		case chgBack:
		default:
			return chosen{}, false
		}
		s.Changing = false
		return chosen{next: true}, true
	}
	return chosen{}, false
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
		if *s.Age < directory.JMDMinAge && s.WithParent != nil && !*s.WithParent {
			// A child alone was asked nothing else: only the age can change.
			s.Age, s.AgeBand, s.AgeTyped, s.WithParent = nil, "", false, nil
			return chosen{next: true}, true
		}
		s.Changing = true
		return chosen{next: true}, true
	case value == resYes || value == resNo:
		out.Record(dialog.EventFeedback, "answer", value)
		thanks := dialog.T("feedback.thanks")
		out.Notice = &thanks
		return chosen{}, true
	case strings.HasPrefix(value, resMap):
		i, err := strconv.Atoi(strings.TrimPrefix(value, resMap))
		if err != nil || i < 0 || i >= len(s.Results) || value != resMap+strconv.Itoa(i) {
			return chosen{}, false
		}
		return chosen{venue: s.Results[i]}, true
	}
	return chosen{}, false
}

func (e *Engine) langName(tag string) string {
	for _, l := range e.Langs.List() {
		if l.Tag == tag {
			return l.Name
		}
	}
	return tag
}
