// Package conversation is the newcomer conversation: given the current state and one input it
// returns the next state and what to say, as message ids with data and choices. It knows
// nothing of Telegram, SQL or translation files: adapters call it and render its output.
package conversation

import (
	"math"

	"github.com/kassel/wegweiser/internal/directory"
)

// Step is the question the conversation is waiting for.
type Step string

// The steps, in the order they are asked.
const (
	StepLanguage  Step = "language"
	StepAge       Step = "age"
	StepChild     Step = "child"      // under 18: does the child (young person) live with a parent?
	StepParentAge Step = "parent_age" // the parent's age decides the service
	StepTopic     Step = "topic"
	StepPlace     Step = "place"
	StepResult    Step = "result"
	StepChange    Step = "change" // choosing which answer to change
)

// State is one chat's conversation: what was answered so far. It is stored between inputs
// (as JSON) and holds nothing but the answers: no name, no message text.
type State struct {
	Lang string `json:"lang,omitempty"`
	// LangGuessed: Lang was guessed (the app's language, the script of a typed message), not
	// chosen; a typed message in another script still changes it.
	LangGuessed bool   `json:"lang_guessed,omitempty"`
	Age         *int   `json:"age,omitempty"`
	AgeBand     string `json:"age_band,omitempty"`
	AgeTyped    bool   `json:"age_typed,omitempty"` // Age was typed, not a band's stand-in
	// AgeChoices are the numbers of a typed answer with several ("I am 35 and my son is 3"),
	// offered as buttons: which one is the age?
	AgeChoices []int `json:"age_choices,omitempty"`
	// Born is the year of birth the AgeChoices were worked out from, as typed ("1990",
	// "1375"), to quote when they are offered; "" when they are numbers typed, and once an
	// age is taken. A whole date of birth is never kept.
	Born string `json:"born,omitempty"`
	// Other is the age of someone else the writer named with a need at the topic question
	// ("my son 17 wants an Ausbildung"), offered beside the age given (AgeChoices) and quoted
	// when it is: the two ages may want different services. 0 once an age is taken.
	Other int `json:"other,omitempty"`
	// Nearly says the AgeChoices are the two ages an age said to be nearly a number leaves
	// open ("almost 18": 17 or 18), asked so; false once an age is taken.
	Nearly bool `json:"nearly,omitempty"`
	// OwnAge says the age was stated as the writer's own ("I am 16", "мені 16": age.is_age):
	// a young person is then asked about a parent as "you", not as "the young person".
	OwnAge bool `json:"own_age,omitempty"`
	// OthersAge says the age was typed among words that do not state it as the writer's own
	// ("my daughter is 14 and has no school"): a grown-up's age stated as one's own after it
	// is the writer's, not a correction of it (unlike after "16" alone).
	OthersAge   bool  `json:"others_age,omitempty"`
	WithParent  *bool `json:"with_parent,omitempty"`
	ParentAge   *int  `json:"parent_age,omitempty"`
	ParentTyped bool  `json:"parent_typed,omitempty"` // ParentAge was typed, not a band's stand-in
	// ParentHint is the grown-up's number of those AgeChoices when a child's was chosen: the
	// parent's age, should the child live with the parent.
	ParentHint *int            `json:"parent_hint,omitempty"`
	Topic      directory.Topic `json:"topic,omitempty"`
	// Topics are every need named, the main one (Topic) first.
	Topics    []directory.Topic `json:"topics,omitempty"`
	PlaceDone bool              `json:"place_done,omitempty"`
	// Lat and Lon are the shared position, rounded to about 100 m: enough to rank offices.
	Lat *float64 `json:"lat,omitempty"`
	Lon *float64 `json:"lon,omitempty"`
	// Postcode says Lat and Lon are the centre of a typed postcode, not a shared location;
	// Outside, that the postcode lies outside the area the directory serves.
	Postcode bool `json:"postcode,omitempty"`
	// Centre is the place in the served area typed by its name ("Kassel", "Baunatal") whose
	// centre Lat and Lon are: the distances are from there, not from the person.
	Centre string `json:"centre,omitempty"`
	// Place is the municipality the person lives in, as the postcode table names it (of the
	// postcode typed, the place named, the position shared): offices responsible only for
	// other places are not named (directory.Query.Place). "" when not known.
	Place    string   `json:"place,omitempty"`
	Outside  bool     `json:"outside,omitempty"`
	Changing bool     `json:"changing,omitempty"`
	Results  []string `json:"results,omitempty"` // office ids shown, for the map buttons
	// Card: the result named a counselling office (JMD or MBE), which the card is made for.
	Card bool `json:"card,omitempty"`
	// Rated: 👍 or 👎 was counted for the result shown; a second tap is answered, not counted.
	Rated bool `json:"rated,omitempty"`
	// AskedWhy: after 👎, the question what was missing waits for its answer.
	AskedWhy bool `json:"asked_why,omitempty"`
	// ReopenAsk is the office whose "tell me when it reopens" waits for the person's consent.
	ReopenAsk string `json:"reopen_ask,omitempty"`
	Started   bool   `json:"started,omitempty"`
	// Picking: the language picker (/language) is what the bot asked last; a language's name
	// typed now chooses it at any question.
	Picking bool `json:"picking,omitempty"`
	// Missed counts the typed messages in a row not understood at the question asked (see
	// sayStuck).
	Missed int `json:"missed,omitempty"`
	// Conv is a random id of the current conversation for the anonymous statistics; the
	// runner sets it, the engine leaves it alone.
	Conv string `json:"conv,omitempty"`

	// alone is set for the turn when the message typed says its writer is here without
	// parents ("I am 15 and here without my parents"): an age of 12 to 17 taken from it
	// answers the question about a parent too (takeTypedAge). Never stored.
	alone bool
	// withParent is set for the turn when the message typed says, beside the age, that its
	// writer lives with a parent ("I am 16, I live with my mother"): as alone, for yes.
	// Never stored.
	withParent bool
}

// Step returns the question the conversation waits for: the first one not yet answered.
func (s *State) Step() Step {
	switch {
	case s.Lang == "":
		return StepLanguage
	case s.Changing:
		return StepChange
	case s.Age == nil:
		return StepAge
	case *s.Age < directory.JMDMinAge && s.WithParent == nil:
		return StepChild
	case *s.Age < directory.JMDMinAge && !*s.WithParent:
		return StepResult // a child alone: the Jugendamt, no further questions
	case *s.Age < directory.JMDMinAge && s.ParentAge == nil:
		return StepParentAge
	case *s.Age < directory.AdultAge && s.WithParent == nil:
		return StepChild // a young person: here with a parent, or alone (teenAlone)?
	case s.Topic == "":
		return StepTopic
	case !s.PlaceDone:
		return StepPlace
	}
	return StepResult
}

// opening says whether nothing is answered yet but a guessed language: what is typed now may
// still say which language the person reads (offerUndecided).
func (s *State) opening() bool {
	return s.LangGuessed && s.Step() == StepAge && s.Topic == "" && len(s.AgeChoices) == 0
}

// decidingAge is the age that decides the service: a young child's parent's age.
func (s *State) decidingAge() int {
	if *s.Age < directory.JMDMinAge && s.ParentAge != nil {
		return *s.ParentAge
	}
	return *s.Age
}

// answers clears every answer but the language.
func (s *State) answers() {
	*s = State{Lang: s.Lang, LangGuessed: s.LangGuessed, Started: s.Started}
}

// needs returns every need named, the main one first.
func (s *State) needs() []directory.Topic {
	if len(s.Topics) > 0 && s.Topics[0] == s.Topic {
		return s.Topics
	}
	if s.Topic == "" {
		return nil
	}
	return []directory.Topic{s.Topic}
}

// setTopics takes the needs named, the main one first.
func (s *State) setTopics(ts ...directory.Topic) {
	s.Topic, s.Topics = "", nil
	if len(ts) > 0 {
		s.Topic, s.Topics = ts[0], ts
	}
}

// childAlone reports whether the person is a child under 12 without a parent in Germany.
func (s *State) childAlone() bool {
	return s.Age != nil && *s.Age < directory.JMDMinAge && s.WithParent != nil && !*s.WithParent
}

// teenAlone reports whether the person is a young person of 12 to 17 in Germany without a
// parent: the Jugendamt is responsible first (domain: an unaccompanied minor belongs to it),
// the JMD helps beside it.
func (s *State) teenAlone() bool {
	return s.Age != nil && *s.Age >= directory.JMDMinAge && *s.Age < directory.AdultAge && s.WithParent != nil && !*s.WithParent
}

// parentQuestion is the catalog section of the question whether the person lives with a
// parent, and of its buttons: a young child's ("child") or a young person's ("teen").
func (s *State) parentQuestion() string {
	if s.young() {
		return "teen"
	}
	return "child"
}

// young says whether the age taken is a young person's of 12 to 17, whom the question about
// a parent asks in its own words.
func (s *State) young() bool {
	return s.Age != nil && *s.Age >= directory.JMDMinAge && *s.Age < directory.AdultAge
}

// ageKnown reports whether the age that decides the service is known.
func (s *State) ageKnown() bool {
	return s.Age != nil && (*s.Age >= directory.JMDMinAge || s.ParentAge != nil || s.childAlone())
}

func round3(f float64) *float64 {
	r := math.Round(f*1000) / 1000
	return &r
}
