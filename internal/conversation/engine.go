package conversation

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

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
	// RecognizeTopic finds a topic in free text written in lang, by keywords.
	RecognizeTopic(lang, text string) (directory.Topic, bool)
}

// InputKind says what the user did.
type InputKind int

// The kinds of input.
const (
	InputText        InputKind = iota // a text message
	InputCommand                      // a /command, Text without the slash, Arg its payload
	InputChoice                       // a button tap, Choice its data
	InputLocation                     // a shared location
	InputUnsupported                  // a sticker, photo, voice note, file, ...
	InputResume                       // a front end starts again (the console): ask where we were
)

// Input is one thing the user did.
type Input struct {
	Kind       InputKind
	Text       string // the text, or the command name without the slash
	Arg        string // the command's payload (/start ar)
	Choice     string // button data; untrusted
	Lat, Lon   float64
	ClientLang string // the user's app language (may be empty or wrong)
}

// Engine runs conversations. It holds no per-chat data: all of that is in State.
type Engine struct {
	Dir   Directory
	Langs Languages
	// Operator names who is responsible for the service, for /privacy.
	Operator string
	// RetentionDays is how long an inactive conversation is kept, for /privacy.
	RetentionDays int
}

// MaxTextLength is how much free text the engine reads; longer text gets a short answer.
const MaxTextLength = 500

// Handle applies one input to a state. It returns the new state and what to say. An error
// means the directory could not be read; the state is then unchanged and the caller answers
// that the service is temporarily unavailable.
func (e *Engine) Handle(ctx context.Context, s State, in Input) (State, Output, error) {
	var out Output
	next := s
	var err error
	switch in.Kind {
	case InputCommand:
		err = e.command(ctx, &next, in, &out)
	case InputChoice:
		err = e.choice(ctx, &next, in.Choice, &out)
	case InputText:
		err = e.text(ctx, &next, in, &out)
	case InputLocation:
		err = e.location(ctx, &next, in, &out)
	case InputResume:
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
		out.say(T("unsupported"))
		err = e.reask(ctx, &next, &out)
	}
	if err != nil {
		return s, Output{}, err
	}
	return next, out, nil
}

func (e *Engine) command(ctx context.Context, s *State, in Input, out *Output) error {
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
		out.say(T("help"))
		return nil
	case "privacy":
		out.say(T("privacy", "Operator", Raw(e.Operator), "Days", e.RetentionDays), Raw(""), T("privacy_stats"))
		return nil
	case "delete":
		lang := s.Lang
		*s = State{}
		out.Erase = true
		if lang == "" {
			lang = e.Langs.Match(in.ClientLang)
		}
		// The goodbye is said in the language the user had; nothing of it is kept.
		out.say(T("delete.done")).Lang = lang
		out.event("erased")
		return nil
	case "restart":
		s.answers()
		out.event("started", "lang", s.Lang, "source", "restart")
		return e.ask(ctx, s, out)
	}
	out.say(T("unknown_command"))
	return e.reask(ctx, s, out)
}

// start begins a conversation. A payload naming a shipped language (a share link such as
// /start ar) selects it; otherwise the user is greeted in the language of their app and
// offered the picker.
func (e *Engine) start(s *State, payload, clientLang string, out *Output) {
	*s = State{Started: true}
	source := "direct"
	if lang, ok := e.shipped(payload); ok {
		s.Lang = lang
		source = "link"
		out.event("started", "lang", lang, "source", source)
		out.say(T("welcome"))
		return
	}
	// Greet in the language of the user's app, until they pick one.
	guess := e.Langs.Match(clientLang)
	out.event("started", "lang", guess, "source", source)
	out.say(T("welcome")).Lang = guess
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

func (e *Engine) picker() Message {
	m := Message{Lines: []Text{T("language.prompt")}}
	langs := e.Langs.List()
	for i := 0; i < len(langs); i += 3 {
		var row []Button
		for _, l := range langs[i:min(i+3, len(langs))] {
			row = append(row, Button{Label: Raw(l.Name), Data: "lang:" + l.Tag})
		}
		m.Buttons = append(m.Buttons, row)
	}
	return m
}

func (e *Engine) text(ctx context.Context, s *State, in Input, out *Output) error {
	if s.Lang == "" {
		e.start(s, "", in.ClientLang, out)
		return nil
	}
	text := strings.TrimSpace(in.Text)
	if utf8.RuneCountInString(text) > MaxTextLength {
		out.say(T("too_long"))
		return e.reask(ctx, s, out)
	}
	switch s.Step() {
	case StepAge:
		return e.answerAge(ctx, s, text, false, out)
	case StepParentAge:
		return e.answerAge(ctx, s, text, true, out)
	case StepTopic:
		if topic, ok := e.Langs.RecognizeTopic(s.Lang, text); ok {
			s.Topic = topic
			out.event("answered", "step", string(StepTopic), "how", "text")
			out.say(T("topic.recognized", "Topic", TopicLabel(topic)))
			return e.ask(ctx, s, out)
		}
		out.event("unrecognized_topic", "lang", s.Lang)
		out.say(T("topic.not_understood"))
		return e.ask(ctx, s, out)
	case StepPlace:
		if lat, lon, ok := parseCoordinates(text); ok {
			return e.location(ctx, s, Input{Lat: lat, Lon: lon}, out)
		}
		out.say(T("place.invalid"))
		return e.ask(ctx, s, out)
	}
	out.say(T("use_buttons"))
	return e.reask(ctx, s, out)
}

func (e *Engine) answerAge(ctx context.Context, s *State, text string, parent bool, out *Output) error {
	age, ok := ParseAge(text)
	if !ok || (parent && age < directory.JMDMinAge) {
		out.say(T("age.invalid"))
		return e.ask(ctx, s, out)
	}
	e.setAge(s, age, ageBand(age), parent)
	step := StepParentAge
	if !parent {
		s.AgeTyped = true
		step = StepAge
	}
	out.event("answered", "step", string(step), "how", "text")
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

func (e *Engine) location(ctx context.Context, s *State, in Input, out *Output) error {
	if s.Lang == "" {
		e.start(s, "", in.ClientLang, out)
		return nil
	}
	if s.Step() != StepPlace || in.Lat < -90 || in.Lat > 90 || in.Lon < -180 || in.Lon > 180 {
		out.say(T("use_buttons"))
		return e.reask(ctx, s, out)
	}
	s.Lat, s.Lon = round3(in.Lat), round3(in.Lon)
	s.PlaceDone = true
	out.event("answered", "step", string(StepPlace), "how", "location")
	m := out.say(T("place.thanks"))
	m.HideKeyboard = true
	return e.ask(ctx, s, out)
}

// ask says the current question (or, at the end, the result).
func (e *Engine) ask(ctx context.Context, s *State, out *Output) error {
	step := s.Step()
	if step == StepResult {
		return e.result(ctx, s, out)
	}
	out.Messages = append(out.Messages, e.question(s, step))
	return nil
}

// reask says the current question again after an input that did not answer it. At the end
// of the conversation that is the choice of what to do next, not the whole result again.
func (e *Engine) reask(ctx context.Context, s *State, out *Output) error {
	if s.Step() == StepResult {
		out.Messages = append(out.Messages, e.question(s, StepResult))
		return nil
	}
	return e.ask(ctx, s, out)
}

// question is the message that asks for step's answer, with its buttons.
func (e *Engine) question(s *State, step Step) Message {
	langRow := []Button{{Label: T("button.language"), Data: "nav:language"}}
	switch step {
	case StepLanguage:
		return e.picker()
	case StepAge:
		return Message{Lines: []Text{T("age.question")}, Buttons: [][]Button{
			{{T("age.band.under12"), "age:u12"}, {T("age.band.12to17"), "age:12-17"}},
			{{T("age.band.18to26"), "age:18-26"}, {T("age.band.27plus"), "age:27+"}},
			langRow,
		}}
	case StepChild:
		return Message{Lines: []Text{T("child.question")}, Buttons: [][]Button{
			{{T("child.with_parent"), "child:yes"}}, {{T("child.alone"), "child:no"}},
		}}
	case StepParentAge:
		return Message{Lines: []Text{T("parent.question")}, Buttons: [][]Button{
			{{T("age.band.18to26"), "age:18-26"}, {T("age.band.27plus"), "age:27+"}},
		}}
	case StepTopic:
		m := Message{Lines: []Text{T("topic.question")}}
		for i := 0; i < len(directory.Topics); i += 2 {
			var row []Button
			for _, t := range directory.Topics[i:min(i+2, len(directory.Topics))] {
				row = append(row, Button{TopicLabel(t), "topic:" + string(t)})
			}
			m.Buttons = append(m.Buttons, row)
		}
		return m
	case StepPlace:
		share := T("place.share")
		return Message{Lines: []Text{T("place.question")}, AskLocation: &share,
			Buttons: [][]Button{{{T("place.skip"), "place:skip"}}}}
	case StepChange:
		return Message{Lines: []Text{T("change.question")}, Buttons: [][]Button{
			{{T("change.age"), "chg:age"}, {T("change.topic"), "chg:topic"}, {T("change.place"), "chg:place"}},
			{{T("button.back"), "chg:back"}},
		}}
	}
	return Message{Lines: []Text{T("next.question")}, Buttons: resultNav()}
}

func resultNav() [][]Button {
	return [][]Button{
		{{T("button.restart"), "res:restart"}, {T("button.change"), "res:change"}},
		{{T("button.language"), "nav:language"}},
	}
}

// choice handles a button tap. The data is untrusted: it is checked against the current step.
func (e *Engine) choice(ctx context.Context, s *State, data string, out *Output) error {
	if s.Lang == "" && !strings.HasPrefix(data, "lang:") {
		e.start(s, "", "", out)
		return nil
	}
	step := s.Step()
	prefix, value, _ := strings.Cut(data, ":")
	c, ok := e.applyChoice(s, step, prefix, value, out)
	if !ok {
		stale := T("stale")
		out.Notice = &stale
		out.say(T("stale"))
		return e.reask(ctx, s, out)
	}
	if c.label != nil {
		// The tapped question stays in the chat, answered, without its buttons.
		q := e.question(&State{Lang: s.Lang}, step)
		q.Buttons, q.AskLocation = nil, nil
		q.Lines = append(q.Lines, T("answer.chosen", "Answer", *c.label))
		out.Edit = &q
		if step != StepLanguage && prefix != "lang" {
			out.event("answered", "step", string(step), "how", "button")
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
	label *Text  // the answer, shown under the tapped question; nil leaves the message as it is
	next  bool   // ask the next question (or show the result)
	venue string // show this office on the map
}

// applyChoice applies a button's data to the state. It returns false for data that does not
// belong to the current step: a stale button, or a forged one.
func (e *Engine) applyChoice(s *State, step Step, prefix, value string, out *Output) (chosen, bool) {
	answer := func(label Text) (chosen, bool) { return chosen{label: &label, next: true}, true }
	switch {
	case prefix == "lang":
		lang, ok := e.shipped(value)
		if !ok {
			return chosen{}, false
		}
		if s.Lang == "" {
			out.say(T("language.chosen"))
			out.event("answered", "step", string(StepLanguage), "how", "button")
		} else if lang != s.Lang {
			out.event("language_switched", "from", s.Lang, "to", lang)
		}
		s.Lang, s.Started = lang, true
		return answer(Raw(e.langName(lang)))
	case prefix == "nav" && value == "language":
		out.Messages = append(out.Messages, e.picker())
		return chosen{}, true
	case prefix == "age" && (step == StepAge || step == StepParentAge):
		label, ok := bandLabels[value]
		if !ok || (step == StepParentAge && (value == "u12" || value == "12-17")) {
			return chosen{}, false
		}
		e.setAge(s, bandAges[value], value, step == StepParentAge)
		return answer(T(label))
	case prefix == "child" && step == StepChild && (value == "yes" || value == "no"):
		with := value == "yes"
		s.WithParent = &with
		if with {
			return answer(T("child.with_parent"))
		}
		return answer(T("child.alone"))
	case prefix == "topic" && step == StepTopic && directory.Topic(value).Valid():
		s.Topic = directory.Topic(value)
		return answer(TopicLabel(s.Topic))
	case prefix == "place" && step == StepPlace && value == "skip":
		s.PlaceDone = true
		out.say(T("place.skipped")).HideKeyboard = true
		return answer(T("place.skip"))
	case prefix == "res" && step == StepResult:
		return e.resultChoice(s, value, out)
	case prefix == "chg" && step == StepChange:
		switch value {
		case "age":
			s.Age, s.AgeBand, s.AgeTyped, s.WithParent, s.ParentAge = nil, "", false, nil, nil
		case "topic":
			s.Topic = ""
		case "place":
			s.PlaceDone, s.Lat, s.Lon = false, nil, nil
		case "back":
		default:
			return chosen{}, false
		}
		s.Changing = false
		return chosen{next: true}, true
	}
	return chosen{}, false
}

// bandAges stand in for the age when a band is tapped: any age of the band routes the same.
var bandAges = map[string]int{"u12": 0, "12-17": 15, "18-26": 20, "27+": 30}

func (e *Engine) resultChoice(s *State, value string, out *Output) (chosen, bool) {
	switch {
	case value == "restart":
		s.answers()
		out.event("started", "lang", s.Lang, "source", "restart")
		return chosen{next: true}, true
	case value == "change":
		if *s.Age < directory.JMDMinAge && s.WithParent != nil && !*s.WithParent {
			// A child alone was asked nothing else: only the age can change.
			s.Age, s.AgeBand, s.AgeTyped, s.WithParent = nil, "", false, nil
			return chosen{next: true}, true
		}
		s.Changing = true
		return chosen{next: true}, true
	case value == "yes" || value == "no":
		out.event("feedback", "answer", value)
		thanks := T("feedback.thanks")
		out.Notice = &thanks
		return chosen{}, true
	case strings.HasPrefix(value, "map"):
		i, err := strconv.Atoi(strings.TrimPrefix(value, "map"))
		if err != nil || i < 0 || i >= len(s.Results) || value != "map"+strconv.Itoa(i) {
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
