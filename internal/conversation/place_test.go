package conversation_test

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/area"
	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/postcode"
	"github.com/kassel/wegweiser/internal/recognize"
)

// fakePlaces knows a few postcodes; those in area lie in the served area.
type fakePlaces struct {
	codes map[string][3]any // code → lat, lon, place
	area  []string
}

func (p fakePlaces) Postcode(code string) (float64, float64, string, bool) {
	c, ok := p.codes[code]
	if !ok {
		return 0, 0, "", false
	}
	return c[0].(float64), c[1].(float64), c[2].(string), true
}

func (p fakePlaces) InArea(code string) bool { return slices.Contains(p.area, code) }

// InAreaAt: a position within 20 km of a postcode of the area.
func (p fakePlaces) PlaceAt(lat, lon float64) string { return "" }

func (p fakePlaces) InAreaAt(lat, lon float64) bool {
	for _, code := range p.area {
		if c, ok := p.codes[code]; ok && directory.DistanceKm(lat, lon, c[0].(float64), c[1].(float64)) <= 20 {
			return true
		}
	}
	return false
}

func (p fakePlaces) Attribution() string { return "© test contributors" }

func (p fakePlaces) IsTown(place string) bool { return place == "Testtown" }

func (p fakePlaces) IsArrival(string) bool { return false }

// Example is the area's first postcode and its place.
func (p fakePlaces) Example() (string, string, bool) {
	if len(p.area) == 0 {
		return "", "", false
	}
	_, _, place, ok := p.Postcode(p.area[0])
	return p.area[0], place, ok
}

// Named knows the places of its postcodes by name, typed alone or at the end of the text.
func (p fakePlaces) Named(text string) (postcode.Named, bool) {
	text = strings.ToLower(strings.TrimSpace(text))
	for code, c := range p.codes {
		if name := c[2].(string); strings.HasSuffix(text, strings.ToLower(name)) {
			alone := text == strings.ToLower(name)
			last := len(recognize.Normalize(text)) - 1
			first := last - len(recognize.Normalize(name)) + 1
			if !slices.Contains(p.area, code) {
				return postcode.Named{Name: name, Alone: alone, First: first, Last: last}, true
			}
			return postcode.Named{Name: name, InArea: true, Town: p.IsTown(name), Lat: c[0].(float64), Lon: c[1].(float64),
				Alone: alone, First: first, Last: last}, true
		}
	}
	return postcode.Named{}, false
}

func (p fakePlaces) NamedIn(text string, r postcode.Reading) (postcode.Named, bool) {
	named, ok := p.Named(text)
	if ok && r.Refused(named.First, named.Last, 0) {
		return postcode.Named{}, false
	}
	return named, ok
}

// places: 34127 lies north of the test offices' town, 34225 south-west of it, 80331 far away.
var places = fakePlaces{
	codes: map[string][3]any{
		"34127": {51.33593, 9.48970, "Nordstadt"},
		"34225": {51.25, 9.41, "Südweiler"},
		"80331": {48.13528, 11.57096, "München"},
		"34117": {51.31, 9.49, "Testtown"},
	},
	area: []string{"34127", "34225", "34117"},
}

// twoMBE are two MBE offices alike in all but position: north and south-west.
func twoMBE() conversation.Directory {
	o := func(id string, lat, lon float64) directory.Office {
		return directory.Office{ID: id, Kind: directory.KindMBE, Name: id, City: "Testtown", Latitude: ptr(lat), Longitude: ptr(lon),
			Topics: topics("housing")}
	}
	return directory.NewSnapshot([]directory.Office{o("mbe-north", 51.33, 9.49), o("mbe-southwest", 51.25, 9.40)}, 0)
}

func placesEngine(t *testing.T, dir conversation.Directory) *conversation.Engine {
	t.Helper()
	e := newEngine(t, dir)
	e.Places = places
	return e
}

// placeKeyboard checks that m is the place question with its one keyboard: share the
// location, skip; and no inline buttons.
func placeKeyboard(t *testing.T, m dialog.Message) {
	t.Helper()
	if a := m.AskLocation; a == nil || a.ID != "place.share" {
		t.Errorf("ask location = %v", a)
	}
	if len(m.Reply) != 1 || m.Reply[0].ID != "place.skip" {
		t.Errorf("reply buttons = %v, want place.skip", m.Reply)
	}
	if len(m.Buttons) != 0 {
		t.Errorf("inline buttons %v beside the reply keyboard", m.Buttons)
	}
}

func TestParsePostcode(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"34119", "34119", true},
		{" 34119 ", "34119", true},
		{"٣٤١١٩", "34119", true}, // Eastern Arabic digits
		{"۳۴۱۱۹", "34119", true}, // Persian digits
		{"۳4۱1۹", "34119", true}, // mixed on one keyboard
		{"PLZ 34119", "34119", true},
		{"34119 Kassel", "34119", true},
		{"D-34119", "34119", true},
		{"PLZ 34 119", "34119", true}, // in two groups, among words
		{"34-127 Kassel", "34127", true},
		{"Code postal : 34 123", "34123", true},
		{"الرقم البريدي ٣٤ ١٣٤", "34134", true},
		{"34 1234 Kassel", "", false},    // 2 and 4 digits
		{"341 27 Kassel", "34127", true}, // 3 and 2 too (P3: "341 28 Касел", "kod 341 31")
		{"kod 341 31", "34131", true},
		{"Str. 210 34128 Kassel", "34128", true}, // a house number before the code is no group of it
		{"3412 7 Kassel", "", false},             // 4 and 1 digits
		{"01067", "01067", true},
		{"34119.", "34119", true},
		{"(34119)", "34119", true},
		{"34119!", "34119", true},
		{"my postcode is 34119.", "34119", true},
		{"«34119»", "34119", true},
		{"٣٤١١٩، كاسل", "34119", true},                // Arabic comma after it
		{"\u200f۳۴۱۱۷", "34117", true},                // a right-to-left mark before it
		{"\u200e34117", "34117", true},                // a left-to-right mark
		{"\u206634117\u2069", "34117", true},          // isolated, as copied from the bot's message
		{"34117 📍", "34117", true},                    // an emoji
		{"Nordstraße 1, 34127 Kassel", "34127", true}, // an address with a house number
		{"Wilhelmshöher Allee 12a, 34119", "34119", true},
		{"1 34117", "", false},            // digits alone: not an address
		{"+49 34117", "", false},          // a phone number
		{"Straße 1234, 34117", "", false}, // not a house number
		{"34.119", "", false},
		{"34117,34119", "", false},
		{"1/2/1990", "", false},
		{"3411", "", false},
		{"٣٤١١", "", false},
		{"341190", "", false},
		{"۳۴۱۱۹۰", "", false},
		{"34 119", "34119", true}, // typed in two groups
		{"341 19", "34119", true},
		{"３４１１９", "34119", true}, // full width
		{"34 1190", "", false},
		{"34  119 5", "", false},
		{"34119 34117", "", false},
		{"51.31, 9.49", "", false},
		{"34119.5", "", false},
		{"12:30", "", false},
		{"", "", false},
		{"Kassel", "", false},
	}
	for _, c := range cases {
		got, ok := conversation.ParsePostcode(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("ParsePostcode(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// offered lists the ids of the offices a result names, in order.
func offered(s conversation.State) []string { return s.Results }

func TestPostcodeRanksByDistance(t *testing.T) {
	toPlace := ins(tap("lang:en"), text("34"), tap("topic:housing"))
	cases := []struct {
		name, code string
		first      string
	}{
		{"north", "34127", "mbe-north"},
		{"south-west", "34225", "mbe-southwest"},
		{"south-west in Persian digits", "۳۴۲۲۵", "mbe-southwest"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, out := run(t, placesEngine(t, twoMBE()), conversation.State{}, seq(toPlace, ins(text(c.code))))
			if s.Step() != conversation.StepResult || !s.Postcode || s.Outside || s.Lat == nil {
				t.Fatalf("state %+v", s)
			}
			if got := offered(s); len(got) != 2 || got[0] != c.first {
				t.Errorf("offices %v, want %s first", got, c.first)
			}
			if got := said(out); !isSubsequence([]string{"place.postcode", "result.summary", "office.distance", "office.distance"}, got) ||
				slices.Contains(got, "result.outside") {
				t.Errorf("said %q", got)
			}
			if !out.Messages[0].HideKeyboard {
				t.Error("the place keyboard stays")
			}
			want := []string{answeredIn("in"), ev(dialog.EventResult, "age_band", "27+", "topic", "housing", "lang", "en", "place", "yes")}
			if evs := events(out); !slices.Equal(evs[:2], want) {
				t.Errorf("events %q, want first %q", evs, want)
			}
		})
	}
}

func answeredIn(area string) string {
	return ev(dialog.EventAnswered, "step", "place", "how", "postcode", "area", area)
}

func TestPostcodeAnswers(t *testing.T) {
	toPlace := ins(tap("lang:en"), text("34"), tap("topic:housing"))
	noPlaces := func(t *testing.T) *conversation.Engine { return newEngine(t, twoMBE()) }
	withPlaces := func(t *testing.T) *conversation.Engine { return placesEngine(t, twoMBE()) }
	cases := []struct {
		name   string
		engine func(*testing.T) *conversation.Engine
		inputs []dialog.Input
		step   conversation.Step
		incl   []string
		check  func(*testing.T, conversation.State, dialog.Output)
	}{
		{
			name: "a postcode typed under the result sorts it again", engine: withPlaces,
			inputs: seq(toPlace, ins(tap("place:skip"), text("34225"))), step: conversation.StepResult,
			incl: []string{"place.postcode", "result.summary", "office.distance"},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if !s.Postcode || s.Lat == nil {
					t.Errorf("state %+v", s)
				}
			},
		},
		{
			name: "a place typed by its name under the result sorts it again", engine: withPlaces,
			inputs: seq(toPlace, ins(tap("place:skip"), text("Südweiler"))), step: conversation.StepResult,
			incl: []string{"place.named", "result.summary", "office.distance_centre", "office.distance_centre"},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if s.Lat == nil || offered(s)[0] != "mbe-southwest" {
					t.Errorf("state %+v", s)
				}
			},
		},
		{
			name: "a postcode after a place by its name: distances from the postcode again", engine: withPlaces,
			inputs: seq(toPlace, ins(text("Südweiler"), text("34225"))), step: conversation.StepResult,
			incl: []string{"place.postcode", "result.summary", "office.distance", "office.distance"},
			check: func(t *testing.T, s conversation.State, out dialog.Output) {
				if s.Centre != "" || slices.Contains(said(out), "office.distance_centre") {
					t.Errorf("the distances are still from the centre of %q: %v", s.Centre, said(out))
				}
			},
		},
		{
			name: "the town beside \"I don't know my postcode\"", engine: withPlaces,
			inputs: seq(toPlace, ins(text("I don't know the postcode, Testtown"))), step: conversation.StepResult,
			incl: []string{"place.named", "result.summary"},
		},
		{
			name: "a place named with a language's word at the place question is the place", engine: withPlaces,
			inputs: seq(toPlace, ins(text("German town Südweiler"))), step: conversation.StepResult,
			incl: []string{"place.named", "result.summary"},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if s.Lang != "en" || s.Centre == "" {
					t.Errorf("language %s, centre %q: the place was taken for a request for German", s.Lang, s.Centre)
				}
			},
		},
		{
			name: "a place in a sentence under the result is not read: whom to ask", engine: withPlaces,
			inputs: seq(toPlace, ins(tap("place:skip"), text("we used to live near Südweiler"))), step: conversation.StepResult,
			incl: []string{"result.ask_office"},
		},
		{
			name: "a further need typed under the result is added", engine: withPlaces,
			inputs: seq(toPlace, ins(tap("place:skip"), text("I also need a German course"))), step: conversation.StepResult,
			incl: []string{"topic.recognized", "result.summary"},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if !slices.Equal(s.Topics, []directory.Topic{"housing", "german"}) {
					t.Errorf("topics %q, want housing and german", s.Topics)
				}
			},
		},
		{
			name: "a postcode of the served town: the town as the reader's language names it", engine: withPlaces,
			inputs: seq(toPlace, ins(text("34117"))), step: conversation.StepResult,
			incl: []string{"place.postcode", "result.summary"},
			check: func(t *testing.T, _ conversation.State, out dialog.Output) {
				if place := out.Messages[0].Lines[0].Data["Place"].(dialog.Text); place.ID != "place.town" {
					t.Errorf("the town is said as %+v", place)
				}
			},
		},
		{
			name: "thanks under the result: you are welcome, and the buttons", engine: withPlaces,
			inputs: seq(toPlace, ins(tap("place:skip"), text("thank you"))), step: conversation.StepResult,
			incl: []string{"you_are_welcome", "next.question"},
		},
		{
			name: "outside the area: said so, the area's offices anyway, nearest first, and the nationwide search", engine: withPlaces,
			inputs: seq(toPlace, ins(text("80331"))), step: conversation.StepResult,
			incl: []string{"place.outside", "result.summary", "result.outside", "result.intro_far", "office.distance", "office.distance", "feedback.question"},
			check: func(t *testing.T, s conversation.State, out dialog.Output) {
				if !s.Outside || !s.Postcode || offered(s)[0] != "mbe-southwest" { // nearer to 80331
					t.Errorf("state %+v", s)
				}
				m := out.Messages[0]
				if !sameText(m.Lines[0].Data["Place"], dialog.Raw("München")) || !sameText(m.Lines[0].Data["Postcode"], dialog.LTR("80331")) {
					t.Errorf("outside message data %v", m.Lines[0].Data)
				}
				if search := findLine(out, "result.outside").Data["Search"]; !sameText(search, dialog.LTR(conversation.NationwideSearch)) {
					t.Errorf("search %v", search)
				}
				if evs := events(out); evs[0] != answeredIn("out") {
					t.Errorf("events %q", evs)
				}
			},
		},
		{
			name: "outside stays said when the result is shown again", engine: withPlaces,
			inputs: seq(toPlace, ins(text("80331"), tap("res:change"), tap("chg:topic"), tap("topic:money"))), step: conversation.StepResult,
			incl: []string{"result.summary", "result.outside"},
		},
		{
			name: "unknown postcode: said, and the question again", engine: withPlaces,
			inputs: seq(toPlace, ins(text("00000"))), step: conversation.StepPlace, incl: []string{"place.postcode_unknown", "place.question"},
			check: func(t *testing.T, s conversation.State, out dialog.Output) {
				if s.PlaceDone || s.Lat != nil || s.Postcode {
					t.Errorf("state %+v", s)
				}
				if got := out.Messages[0].Lines[0].Data["Postcode"]; !sameText(got, dialog.LTR("00000")) {
					t.Errorf("postcode %v", got)
				}
				placeKeyboard(t, out.Messages[1])
			},
		},
		{
			name: "a place of the area typed by its name: distances from its centre", engine: withPlaces,
			inputs: seq(toPlace, ins(text("Südweiler"))), step: conversation.StepResult,
			incl: []string{"place.named", "result.summary", "office.distance_centre", "office.distance_centre"},
			check: func(t *testing.T, s conversation.State, out dialog.Output) {
				if s.Lat == nil || s.Outside || offered(s)[0] != "mbe-southwest" {
					t.Errorf("state %+v", s)
				}
				if m := out.Messages[0]; !m.HideKeyboard || !sameText(m.Lines[0].Data["Place"], dialog.Raw("Südweiler")) {
					t.Errorf("message %+v", m)
				}
				if evs := events(out); evs[0] != ev(dialog.EventAnswered, "step", "place", "how", "place", "area", "in") {
					t.Errorf("events %q", evs)
				}
			},
		},
		{
			name: "the served town typed by its name: the town as the reader's language names it", engine: withPlaces,
			inputs: seq(toPlace, ins(text("testtown"))), step: conversation.StepResult,
			incl: []string{"place.named", "result.summary"},
			check: func(t *testing.T, _ conversation.State, out dialog.Output) {
				if place := out.Messages[0].Lines[0].Data["Place"].(dialog.Text); place.ID != "place.town" {
					t.Errorf("the town is said as %+v", place)
				}
			},
		},
		{
			name: "a place outside the area typed by its name: said so, no distances, the nationwide search", engine: withPlaces,
			inputs: seq(toPlace, ins(text("München"))), step: conversation.StepResult,
			incl: []string{"place.named_outside", "result.summary", "result.outside"},
			check: func(t *testing.T, s conversation.State, out dialog.Output) {
				if !s.Outside || s.Lat != nil || slices.Contains(said(out), "office.distance") {
					t.Errorf("state %+v, said %q", s, said(out))
				}
				if evs := events(out); evs[0] != ev(dialog.EventAnswered, "step", "place", "how", "place", "area", "out") {
					t.Errorf("events %q", evs)
				}
			},
		},
		{
			name: "a place said not to be where one lives is no answer", engine: withPlaces,
			inputs: seq(toPlace, ins(text("not Südweiler"))), step: conversation.StepPlace, incl: []string{"place.invalid", "place.question"},
		},
		{
			name: "a refusal of something else is no refusal of the place", engine: withPlaces,
			inputs: seq(toPlace, ins(text("the postcode I really do not know at all, but we live in Südweiler"))), step: conversation.StepResult,
			incl: []string{"place.named", "result.summary", "office.distance_centre", "office.distance_centre"},
		},
		{
			name: "I don't know skips", engine: withPlaces,
			inputs: seq(toPlace, ins(text("I don't know"))), step: conversation.StepResult, incl: []string{"place.skipped", "result.summary"},
		},
		{
			name: "I don't know among a few more words skips", engine: withPlaces,
			inputs: seq(toPlace, ins(text("sorry, I don't know my postcode"))), step: conversation.StepResult, incl: []string{"place.skipped", "result.summary"},
		},
		{
			name: "I don't know beside a postcode: the postcode", engine: withPlaces,
			inputs: seq(toPlace, ins(text("I don't know if 34127 is right"))), step: conversation.StepResult, incl: []string{"place.postcode", "result.summary"},
		},
		{
			name: "I don't know in the reader's language skips", engine: withPlaces,
			inputs: ins(tap("lang:ar"), text("34"), tap("topic:housing"), text("ما بعرف")), step: conversation.StepResult,
			incl: []string{"place.skipped", "result.summary"},
		},
		{
			name: "a further need at the place question: taken, and the place asked again", engine: withPlaces,
			inputs: seq(toPlace, ins(text("I also need a German course"))), step: conversation.StepPlace,
			incl: []string{"topic.recognized", "place.question"},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if !slices.Equal(s.Topics, []directory.Topic{"housing", "german"}) || s.PlaceDone {
					t.Errorf("topics %q, place done %v; want housing and german, the place still asked", s.Topics, s.PlaceDone)
				}
			},
		},
		{
			name: "a word that is no place: how to answer, and the question again", engine: withPlaces,
			inputs: seq(toPlace, ins(text("Wohnung"))), step: conversation.StepPlace, incl: []string{"place.invalid", "place.question"},
		},
		{
			name: "four digits are no postcode", engine: withPlaces,
			inputs: seq(toPlace, ins(text("3412"))), step: conversation.StepPlace, incl: []string{"place.invalid", "place.question"},
		},
		{
			name: "six digits are no postcode", engine: withPlaces,
			inputs: seq(toPlace, ins(text("341270"))), step: conversation.StepPlace, incl: []string{"place.invalid", "place.question"},
		},
		{
			name: "without postcodes a postcode is not understood", engine: noPlaces,
			inputs: seq(toPlace, ins(text("34127"))), step: conversation.StepPlace, incl: []string{"place.invalid", "place.question"},
		},
		{
			name: "the skip button of the keyboard sends its label", engine: withPlaces,
			inputs: seq(toPlace, ins(text("Skip"))), step: conversation.StepResult, incl: []string{"place.skipped", "result.summary"},
			check: func(t *testing.T, s conversation.State, out dialog.Output) {
				if !out.Messages[0].HideKeyboard || s.Lat != nil {
					t.Errorf("keyboard kept or position set: %+v", s)
				}
				if evs := events(out); evs[0] != answered(conversation.StepPlace, "button") {
					t.Errorf("events %q", evs)
				}
			},
		},
		{
			name: "a typed no skips too", engine: withPlaces,
			inputs: seq(toPlace, ins(text("No"))), step: conversation.StepResult, incl: []string{"place.skipped", "result.summary"},
			check: func(t *testing.T, s conversation.State, out dialog.Output) {
				if evs := events(out); evs[0] != answered(conversation.StepPlace, "text") {
					t.Errorf("events %q", evs)
				}
			},
		},
		{
			name: "the skip label of the language the keyboard was sent in", engine: withPlaces,
			inputs: seq(toPlace, ins(text("\u2068تخطي\u2069"))), step: conversation.StepResult, incl: []string{"place.skipped"},
		},
		{
			name: "a shared location after a postcode forgets the postcode", engine: withPlaces,
			inputs: seq(toPlace, ins(text("80331"), tap("res:change"), tap("chg:place"), loc(51.3, 9.5))), step: conversation.StepResult,
			incl: []string{"place.thanks", "result.summary"},
			check: func(t *testing.T, s conversation.State, out dialog.Output) {
				if s.Postcode || s.Outside || slices.Contains(said(out), "result.outside") {
					t.Errorf("state %+v, said %q", s, said(out))
				}
			},
		},
		{
			name: "the skip label from a keyboard left on the screen after /start is no age", engine: withPlaces,
			inputs: seq(toPlace, ins(cmd("start", "en"), text("Skip"))), step: conversation.StepAge,
			incl: []string{"use_buttons", "age.question"},
			check: func(t *testing.T, s conversation.State, out dialog.Output) {
				if !out.Messages[0].HideKeyboard || s.Age != nil {
					t.Errorf("keyboard kept or age taken: %+v, age %v", out.Messages[0], s.Age)
				}
			},
		},
		{
			name: "a shared location far outside the area is told so, and gets the nationwide search", engine: withPlaces,
			inputs: seq(toPlace, ins(loc(52.52, 13.40))), step: conversation.StepResult,
			incl: []string{"place.outside_location", "result.summary", "result.outside"},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if s.Postcode || !s.Outside {
					t.Errorf("state %+v, want outside, no postcode", s)
				}
			},
		},
		{
			name: "/about names the operator and credits the postcode data", engine: withPlaces,
			inputs: ins(tap("lang:en"), cmd("about", "")), step: conversation.StepAge, incl: []string{"about", "about_postcodes"},
			check: func(t *testing.T, _ conversation.State, out dialog.Output) {
				if got := findLine(out, "about_postcodes").Data["Source"]; !sameText(got, dialog.LTR("© test contributors")) {
					t.Errorf("source %v", got)
				}
			},
		},
		{
			name: "/about before a language: then the greeting and the first question", engine: withPlaces,
			inputs: ins(cmd("about", "")), step: conversation.StepAge, incl: []string{"about", "welcome", "age.question"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, out := run(t, c.engine(t), conversation.State{}, c.inputs)
			if s.Step() != c.step {
				t.Errorf("step %s, want %s", s.Step(), c.step)
			}
			if got := said(out); !isSubsequence(c.incl, got) {
				t.Errorf("said %q\nwant among them, in order, %q", got, c.incl)
			}
			if c.check != nil {
				c.check(t, s, out)
			}
		})
	}
}

// sameText reports whether v is the text want.
func sameText(v any, want dialog.Text) bool { return reflect.DeepEqual(v, want) }

// findLine returns the first line of out with catalog id id.
func findLine(out dialog.Output, id string) dialog.Text {
	for _, m := range out.Messages {
		for _, l := range m.Lines {
			if l.ID == id {
				return l
			}
		}
	}
	return dialog.Text{}
}

// engineWithPlaces is an engine that reads places with the real postcode table, serving 12 km
// around Kassel.
func engineWithPlaces(t *testing.T) *conversation.Engine {
	t.Helper()
	e := fuzzEngine(t)
	tab, err := postcode.Load()
	if err != nil {
		t.Fatal(err)
	}
	e.Places = &postcode.Places{Table: tab, Area: area.NewLive(area.Area{Name: "Kassel", Latitude: 51.3127, Longitude: 9.4797, State: "HE", RadiusKm: 12})}
	return e
}

// TestPlaceRefusedThenNamed: with the real postcode table, a place said not to be meant is
// passed over for the one named after it, and a refusal of the first is not the second's.
func TestPlaceRefusedThenNamed(t *testing.T) {
	e := engineWithPlaces(t)
	for typed, want := range map[string]string{
		"Kassel'de değilim, Baunatal'dayım": "Baunatal",
		"nicht Kassel, Vellmar":             "Vellmar",
		"Kasel'de oturuyorum":               "Kassel",
		"ben Kassel'de değilim":             "",
		"I don't live in Kassel":            "",
	} {
		s, out := run(t, e, conversation.State{}, ins(tap("lang:tr"), text("34"), tap("topic:housing"), text(typed)))
		switch {
		case want == "" && s.Step() != conversation.StepPlace:
			t.Errorf("%q: at %s, want the place asked again (said %q)", typed, s.Step(), said(out))
		case want != "" && (s.Step() != conversation.StepResult || s.Centre != want):
			t.Errorf("%q: at %s from %q, want the result from %s (said %q)", typed, s.Step(), s.Centre, want, said(out))
		}
	}
}

// TestCoordinatesThatAreNoNumbers: what ParseFloat reads but no one types as a position
// ("NaN", "Inf", hexadecimal) is no position: the place is asked again, and the state can be
// stored (NaN cannot be written as JSON).
func TestCoordinatesThatAreNoNumbers(t *testing.T) {
	toPlace := ins(tap("lang:en"), text("34"), tap("topic:housing"))
	for _, typed := range []string{"NaN, NaN", "nan, 9.48", "51.31, NaN", "Inf, -Inf", "0x1p5, 0x1p3", "1e1, 9", "., 9"} {
		s, out := run(t, newEngine(t, nil), conversation.State{}, seq(toPlace, ins(text(typed))))
		if s.Step() != conversation.StepPlace || s.Lat != nil {
			t.Errorf("%q: at %s, position %v; want the place asked again (said %q)", typed, s.Step(), s.Lat, said(out))
		}
		if _, err := json.Marshal(s); err != nil {
			t.Errorf("%q: the state cannot be stored: %v", typed, err)
		}
	}
	s, _ := run(t, newEngine(t, nil), conversation.State{}, seq(toPlace, ins(text("-51.5, +9"))))
	if s.Step() != conversation.StepResult {
		t.Errorf("signed decimals: at %s, want the result", s.Step())
	}
}

// An office at the very point the distance is measured from (its own point is often its
// postcode's centre, as a typed postcode's is) is "less than 0.1 km" away, never "about 0.0
// km"; from a named place's centre the same, said from there.
func TestNearOfficeIsLessThanAWayOff(t *testing.T) {
	e := newEngine(t, nil)
	cat, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	if _, out := run(t, e, conversation.State{}, seq(toPlace, ins(loc(51.30, 9.45)))); !slices.Contains(said(out), "office.distance") {
		t.Fatalf("an office 2.4 km away: %v", said(out))
	}
	_, out := run(t, e, conversation.State{}, seq(toPlace, ins(loc(51.31, 9.48))))
	if ids := said(out); !slices.Contains(ids, "office.distance_under") || slices.Contains(ids, "office.distance") {
		t.Fatalf("the office at the point: %v", ids)
	}
	var text []string
	for _, m := range out.Messages {
		text = append(text, cat.RenderMessage("en", m))
	}
	all := strings.Join(text, "\n")
	if !strings.Contains(all, "Less than 0.1 km from you") || strings.Contains(all, "0.0 km") {
		t.Errorf("the nearest office's distance reads:\n%s", all)
	}
	for _, lang := range []string{"de", "ar", "uk"} {
		for _, m := range out.Messages {
			if r := cat.RenderMessage(lang, m); strings.Contains(r, "0.0") || strings.Contains(r, "0,0") {
				t.Errorf("%s: an office is 0.0 km away:\n%s", lang, r)
			}
		}
	}
}

// An office at the centre of the postcode typed is "in your postcode area": the person's
// position is that centre, and so is the office's map point, and "less than 0.1 km" would say
// more than is known. A shared location at the same point is the person's own.
func TestOfficeAtTheTypedPostcodeIsInItsArea(t *testing.T) {
	dir := directory.NewSnapshot([]directory.Office{{ID: "mbe-centre", Kind: directory.KindMBE, Name: "MBE", City: "Testtown",
		Latitude: ptr(51.31), Longitude: ptr(9.49), Topics: topics("housing")}}, 0)
	e := placesEngine(t, dir)
	if _, out := run(t, e, conversation.State{}, seq(toPlace, ins(text("34117")))); !slices.Contains(said(out), "office.distance_postcode") ||
		slices.Contains(said(out), "office.distance_under") {
		t.Errorf("typed postcode: %v", said(out))
	}
	if _, out := run(t, e, conversation.State{}, seq(toPlace, ins(loc(51.31, 9.49)))); !slices.Contains(said(out), "office.distance_under") {
		t.Errorf("shared location: %v", said(out))
	}
}

// TestPlaceBesideDontKnow: a place of the area named beside "I don't know my postcode" is
// where the person is; the words alone skip the question.
func TestPlaceBesideDontKnow(t *testing.T) {
	e := engineWithPlaces(t)
	for typed, want := range map[string]string{
		"wohne in Baunatal, weiß die PLZ aber nicht":       "Baunatal",
		"I don't know my postcode, I live in Vellmar":      "Vellmar",
		"Kassel'de oturuyorum ama posta kodunu bilmiyorum": "Kassel",
		"weiß die PLZ nicht, wohne in Baunatal":            "Baunatal", // "nicht" is the other clause's
		"PLZ weiß ich nicht - Lohfelden":                   "Lohfelden",
		"weiß die PLZ nicht":                               "",
	} {
		s, out := run(t, e, conversation.State{}, ins(tap("lang:de"), text("34"), tap("topic:housing"), text(typed)))
		if s.Step() != conversation.StepResult || s.Centre != want {
			t.Errorf("%q: at %s from %q, want the result from %q (said %q)", typed, s.Step(), s.Centre, want, said(out))
		}
	}
}

// TestServicesOfThePersonsPlace: an office responsible only for some places (a town's
// Jobcenter, the district's) is named to the people of those places, by the postcode typed,
// the place named or the position shared; both when the place is not known; neither to a
// person from elsewhere.
func TestServicesOfThePersonsPlace(t *testing.T) {
	e := engineWithPlaces(t)
	city := directory.Office{ID: "jc-city", Kind: directory.KindService, Name: "Jobcenter Stadt Kassel", Phone: "0561 7004201",
		Topics: topics("money"), Serves: []string{"Kassel"}}
	county := directory.Office{ID: "jc-county", Kind: directory.KindService, Name: "Jobcenter Landkreis Kassel", Phone: "0561 7004202",
		Topics: topics("money"), Serves: []string{"Baunatal", "Vellmar"}}
	e.Dir = directory.NewSnapshot(append(offices(), city, county), 0)
	for name, c := range map[string]struct {
		place dialog.Input
		want  []string
	}{
		"a city postcode":     {text("34127"), []string{"jc-city"}},
		"a county postcode":   {text("34225"), []string{"jc-county"}},
		"a county town named": {text("ich wohne in Vellmar"), []string{"jc-county"}},
		"the town named":      {text("wir wohnen in Kassel"), []string{"jc-city"}},
		"near the town":       {text("we live in a village near Kassel"), []string{"jc-city", "jc-county"}},
		"outside the town":    {text("outside Kassel"), []string{"jc-city", "jc-county"}},
		"a county position":   {loc(51.266, 9.418), []string{"jc-county"}},
		"no place":            {tap("place:skip"), []string{"jc-city", "jc-county"}},
		"elsewhere":           {text("20095"), nil},
	} {
		s, _ := run(t, e, conversation.State{}, ins(cmd("start", "en"), text("40"), tap("topic:money"), c.place))
		var got []string
		for _, id := range s.Results {
			if strings.HasPrefix(id, "jc-") {
				got = append(got, id)
			}
		}
		slices.Sort(got)
		if s.Step() != conversation.StepResult || !slices.Equal(got, c.want) {
			t.Errorf("%s: at %s, Jobcenters %q, want %q (place %q)", name, s.Step(), got, c.want, s.Place)
		}
	}
}

// TestPlaceInAnEarlierAnswer: a message before the place question that says where the person
// lives among other things (a postcode or a place of the area, in another script as it sounds
// after a word that says where one is) answers the place question too, which is then not
// asked; a place refused, one outside the area, or a short answer is not taken so.
func TestPlaceInAnEarlierAnswer(t *testing.T) {
	e := engineWithPlaces(t)
	for typed, want := range map[string]string{
		"I am 26, we live in Baunatal, I need work":                        "Baunatal",
		"ich bin 31 und wohne in 34225, suche Arbeit":                      "Baunatal",
		"hello, I am 31, living in Kassel with my kids, looking for a job": "Kassel",
		"I am 40 and I do not live in Vellmar, need work":                  "",
		"I am 40, I live in Hamburg and need work":                         "Hamburg", // outside, said to live there (J12)
		"I am 40, vellmarda oturuyorum, I need work":                       "Vellmar", // with an ending as written
		// Too long to be read whole: read around "in", "في", "در", "په".
		"I am 22 and I live in Baunatal and I got a letter from the Jobcenter that I do not understand": "Baunatal",
		"I am 40 and I do not live in Vellmar and I need work for my family now":                        "",
		"I am 40 and I do not live in Vellmar but in Baunatal with my wife and I need work":             "Baunatal",
		"ar:مرحبا أنا عمري 22 سنة ساكن في بوناتال ووصلتني رسالة من الجوب سنتر":                          "Baunatal",
		"ar:عمري 30 سنة وعندي مشكلة في المدرسة مع ابني ولازم نلاقي حل بسرعة":                            "",
		"fa-AF:سلام من ۳۰ ساله هستم و در ویلمار زندگی میکنم و کار میخواهم":                              "Vellmar",
		"ar:عمري 23 ساكنة ببوناتال بدي اتعلم الماني":                                                    "Baunatal",
		"ar:عمري 26 ساكن بفيلمار ومحتاج سكن":                                                            "Vellmar",
		"ps:زه ۳۰ کلن یم او په باوناتال کې اوسېږم، کار ته اړتیا لرم":                                    "Baunatal",
	} {
		lang := "en"
		if l, rest, ok := strings.Cut(typed, ":"); ok && !strings.Contains(l, " ") {
			lang, typed = l, rest
		}
		s, out := run(t, e, conversation.State{}, ins(cmd("start", lang), text(typed)))
		if want == "" {
			if s.PlaceDone {
				t.Errorf("%q: place taken (%q), want it asked later", typed, s.Place)
			}
			continue
		}
		if !s.PlaceDone || s.Place != want || s.Step() != conversation.StepResult || slices.Contains(said(out), "place.question") {
			t.Errorf("%q: place %q (done %v) at %s, said %q; want %s and the result", typed, s.Place, s.PlaceDone, s.Step(), said(out), want)
		}
	}
}

// TestShortAnswerAtPlaceIsNoFurtherNeed: a word or two at the place question is not taken for
// a further need (Dari "رد کردن", skip, holds "رد", rejected); a sentence is ("I also need a
// job").
func TestShortAnswerAtPlaceIsNoFurtherNeed(t *testing.T) {
	e := newEngine(t, nil)
	s, out := run(t, e, conversation.State{}, ins(cmd("start", "fa-AF"), text("26"), tap("topic:work"), text("رد کردن")))
	if slices.Contains(s.Topics, "asylum") || slices.Contains(said(out), "result.asylum_deadline") {
		t.Errorf("رد کردن: topics %q, said %q; want no asylum", s.Topics, said(out))
	}
	s, _ = run(t, e, conversation.State{}, ins(cmd("start", "en"), text("26"), tap("topic:work"), text("I also need a flat")))
	if !slices.Contains(s.Topics, "housing") {
		t.Errorf("I also need a flat: topics %q, want housing added", s.Topics)
	}
}

// TestNameOnlyServiceForAFurtherNeed: the district's Jobcenter, known by name only, is named
// for a further need of the district's people (it is theirs, not the city's), with the line
// that says to ask a counselling office how to reach it; a service known by name only that is
// no one place's is left out there.
func TestNameOnlyServiceForAFurtherNeed(t *testing.T) {
	e := engineWithPlaces(t)
	county := directory.Office{ID: "jc-county", Kind: directory.KindService, Name: "Jobcenter Landkreis Kassel",
		Topics: topics("money"), Serves: []string{"Baunatal", "Vellmar"}}
	amt := directory.Office{ID: "amt", Kind: directory.KindService, Name: "Amt", Topics: topics("money")}
	e.Dir = directory.NewSnapshot(append(offices(), county, amt), 0)
	s, out := run(t, e, conversation.State{}, ins(cmd("start", "en"), text("40"), tap("topic:letters"), text("ich wohne in Vellmar"), text("I also need money")))
	got := said(out)
	if !slices.Contains(s.Topics, "money") || !slices.Contains(got, "office.reach_unknown") {
		t.Errorf("a further need of money in Vellmar: topics %q, said %q; want the district's Jobcenter with where to ask", s.Topics, got)
	}
	if text := rendered(t, "en", out.Messages[len(out.Messages)-1]); !strings.Contains(text, "Jobcenter Landkreis Kassel") || strings.Contains(text, "Amt\n") {
		t.Errorf("the result:\n%s", text)
	}
}

// TestPlaceSaidAlone (journey round J3): a message that says only where its writer lives,
// before the place question ("Baunatal'da oturuyorum", "живу в Баунаталі"), is where they live,
// taken and not asked again, and not thanked for as a description besides; a bare word is not.
func TestPlaceSaidAlone(t *testing.T) {
	e := engineWithPlaces(t)
	for typed, want := range map[string]string{
		"tr:Baunatal'da oturuyorum": "Baunatal", "uk:живу в Баунаталі": "Baunatal", "tr:vellmarda kaliyorum": "Vellmar",
		"so:Baunatal baan joogaa": "Baunatal",
	} {
		lang, msg, _ := strings.Cut(typed, ":")
		s, out := run(t, e, conversation.State{}, ins(cmd("start", lang), text(msg)))
		if !s.PlaceDone || s.Place != want || slices.Contains(said(out), "topic.self_noted") {
			t.Errorf("%s: place %q (done %v), said %q; want %s taken", typed, s.Place, s.PlaceDone, said(out), want)
		}
		s, out = run(t, e, s, ins(text("30"), tap("topic:work")))
		if s.Step() != conversation.StepResult || slices.Contains(said(out), "place.question") {
			t.Errorf("%s: at %s after the age and the need, said %q; want the result", typed, s.Step(), said(out))
		}
	}
}

// TestWhereOneLivesUnderTheResult: with the real postcode table, a message under the result
// (given for 34117, in Kassel) that says where its writer lives now, in the writer's language,
// sorts the result again from there; one that says only that they live in Kassel is taken
// note of; a place named otherwise (a question, work, somebody else, the past) is not taken.
func TestWhereOneLivesUnderTheResult(t *testing.T) {
	e := engineWithPlaces(t)
	moved := map[string][]string{
		"en":    {"actually I live in Baunatal", "we now live in Vellmar with the kids", "in Baunatal", "No, I live in Vellmar", "we moved to Vellmar", "I live in Vellmar now. Which office is closest?"},
		"de":    {"ich wohne jetzt in Baunatal", "wir wohnen seit Mai in Vellmar", "wir sind nach Baunatal umgezogen", "Wir wohnen jetzt in Baunatal. Welches Büro ist am nächsten?"},
		"fr":    {"j'habite à Baunatal"},
		"ar":    {"انا ساكن في بوناتال", "ساكن ببوناتال", "كنت ساكن بكاسل وهلأ ساكن ببوناتال"},
		"fa-AF": {"من در بوناتال زندگی میکنم"},
		"ps":    {"زه په باوناتال کې اوسېږم"},
		"uk":    {"я живу в Баунаталі"},
		"ru":    {"мы живем в Фельмаре", "Мы живём в Фельмаре. Какой офис ближе?"},
		"tr":    {"Baunatal'da oturuyorum", "Baunatal'dayım"},
		"ku":    {"ez li Baunatalê dijîm"},
		"ti":    {"ኣብ ባውናታል እነብር"},
		"so":    {"waxaan ku noolahay Baunatal"},
		"pl":    {"mieszkam w Baunatal"},
		"ro":    {"locuiesc în Baunatal"},
		"bg":    {"живея в Баунатал"},
	}
	toResult := func(lang string) []dialog.Input {
		return ins(tap("lang:"+lang), text("34"), tap("topic:housing"), text("34117"))
	}
	for lang, texts := range moved {
		for _, typed := range texts {
			s, out := run(t, e, conversation.State{}, seq(toResult(lang), ins(text(typed))))
			if s.Step() != conversation.StepResult || s.Centre == "" || s.Centre == "Kassel" || !slices.Contains(said(out), "result.summary") {
				t.Errorf("%s %q: at %s, centre %q, said %q; want the result again from the place named", lang, typed, s.Step(), s.Centre, said(out))
			}
		}
	}
	for _, typed := range []string{"I live in Kassel", "we live in Kassel"} {
		s, out := run(t, e, conversation.State{}, seq(toResult("en"), ins(text(typed))))
		if s.Place != "Kassel" || !s.Postcode || s.Centre != "" || slices.Contains(said(out), "result.ask_office") || slices.Contains(said(out), "place.named") {
			t.Errorf("%q under Kassel's result: place %q, centre %q, said %q; want it taken note of, the postcode kept", typed, s.Place, s.Centre, said(out))
		}
	}
	for _, c := range []struct{ lang, typed string }{
		{"en", "is there an office in Baunatal?"}, {"en", "I work in Vellmar"}, {"en", "my brother lives in Baunatal"},
		{"en", "we used to live in Vellmar"}, {"en", "thank you very much"}, {"en", "my brother lives in Baunatal, is there an office there?"},
		// J6: work, somebody else, and where one lives named after another place.
		{"ar", "بشتغل ببوناتال"}, {"ar", "بشتغل ببوناتال بس ساكن بكاسل"}, {"ar", "اخوي ساكن في بوناتال"},
		{"ku", "Ez li Baunatalê dixebitim, lê li Kasselê dijîm"}, {"en", "my sister lives in Vellmar, I live in Kassel"},
		// Where one lived before (answer.was): Arabic's "was" before its participle,
		// Tigrinya's after its verb.
		{"ar", "كنت ساكن في بوناتال"}, {"ar", "كنا ساكنين ببوناتال"}, {"ti", "ኣብ ባውናታል እነብር ነይረ"},
		// No longer (J7: it moved the place there).
		{"ru", "я больше не живу в Баунатале"}, {"pl", "już nie mieszkam w Baunatal"}, {"ro", "nu mai stau în Baunatal"},
		// Moved from there (answer.from: a word before the name, or Turkish's ending).
		{"tr", "Baunatal'dan taşındık"}, {"ti", "ካብ ባውናታል ገዒዝና"}, {"de", "wir sind aus Baunatal umgezogen"},
		{"fa-AF", "از بوناتال کوچ کردیم"}, {"en", "we moved from Baunatal"},
		{"de", "mein Sohn ist nach Baunatal gezogen"},
	} {
		s, out := run(t, e, conversation.State{}, seq(toResult(c.lang), ins(text(c.typed))))
		if s.Place != "Kassel" || s.Centre != "" || slices.Contains(said(out), "place.named") {
			t.Errorf("%s %q: place %q, centre %q, said %q; want the place kept", c.lang, c.typed, s.Place, s.Centre, said(out))
		}
	}
	if s, out := run(t, e, conversation.State{}, seq(toResult("en"), ins(text("I work in Baunatal but I live in Vellmar")))); s.Centre != "Vellmar" {
		t.Errorf("work in one place, live in another: centre %q, said %q; want Vellmar", s.Centre, said(out))
	}
	// Moved from: no place, and no need from the word for moving (J8: Housing was added).
	for _, c := range []struct{ lang, typed string }{{"tr", "Baunatal'dan taşındık"}, {"fr", "on a déménagé de Baunatal"}} {
		s, out := run(t, e, conversation.State{}, ins(tap("lang:"+c.lang), text("34"), tap("topic:work"), text("34117"), text(c.typed)))
		if s.Centre != "" || !slices.Equal(s.Topics, []directory.Topic{"work"}) {
			t.Errorf("%s %q: centre %q, topics %q, said %q; want neither moved nor a need added", c.lang, c.typed, s.Centre, s.Topics, said(out))
		}
	}
	// "We moved to": the place moves, and the word for moving, which names housing in many
	// languages, adds no need (J7).
	for _, c := range []struct{ lang, typed string }{
		{"pl", "przeprowadziłem się do Vellmar"}, {"fr", "on a déménagé à Vellmar"}, {"ro", "ne-am mutat în Vellmar"},
		{"ru", "переехали в Фельмар"}, {"bg", "преместихме се във Фелмар"}, {"tr", "Vellmar'a taşındık"}, {"so", "waxaan u guurnay Vellmar"},
		{"ar", "انتقلنا الى فيلمار"}, {"ti", "ናብ ቨልማር ገዒዝና"}, {"tr", "Kassel'den Vellmar'a taşındık"},
		// J8: German's "gezogen", "just", from one place to another, a need beside it.
		{"de", "wir sind nach Vellmar gezogen"}, {"en", "we just moved to Vellmar"},
		{"en", "we moved from Baunatal to Vellmar"}, {"pl", "przeprowadziliśmy się z Baunatal do Vellmar"},
		{"uk", "ми переїхали з Баунаталя до Фельмара"}, {"ru", "мы переехали в Фельмар, работу ищу"},
	} {
		s, out := run(t, e, conversation.State{}, ins(tap("lang:"+c.lang), text("34"), tap("topic:work"), text("34117"), text(c.typed)))
		if s.Centre != "Vellmar" || !slices.Equal(s.Topics, []directory.Topic{"work"}) {
			t.Errorf("%s %q: centre %q, topics %q, said %q; want Vellmar and work only", c.lang, c.typed, s.Centre, s.Topics, said(out))
		}
	}
}

// TestPlaceAloneAtTheParentQuestions: a place's name alone typed at the question about the child
// or the parent's age is where the person lives (taken, the question again), not "use the
// buttons" and lost (J5); a place already given is not replaced so.
func TestPlaceAloneAtTheParentQuestions(t *testing.T) {
	e := engineWithPlaces(t)
	s, out := run(t, e, conversation.State{}, ins(cmd("start", "uk"), text("16"), text("Вельмар")))
	if s.Step() != conversation.StepChild || s.Centre != "Vellmar" || !slices.Contains(said(out), "place.named") {
		t.Errorf("at the child question: at %s, centre %q, said %q", s.Step(), s.Centre, said(out))
	}
	s, out = run(t, e, conversation.State{}, ins(cmd("start", "en"), text("5"), tap("child:yes"), text("Baunatal")))
	if s.Step() != conversation.StepParentAge || s.Centre != "Baunatal" {
		t.Errorf("at the parent's age: at %s, centre %q, said %q", s.Step(), s.Centre, said(out))
	}
}

// TestSkipLabelIsATap: the place keyboard's "skip", which the app sends back as its label's
// text, is a tap in every shipped language: the place is skipped and the result comes, in the
// conversation's language (a label is no text to guess a language from, even where the
// language was only guessed from the app), and nothing of it is read as words (no danger, no
// need, no place).
func TestSkipLabelIsATap(t *testing.T) {
	cat, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	e := placesEngine(t, twoMBE())
	for _, lang := range i18n.Shipped {
		for _, app := range []string{lang, "de"} { // the app's language, and another one's keyboard
			label := strings.TrimSpace(cat.Render(app, dialog.T("place.skip")))
			t.Run(lang+"/"+app, func(t *testing.T) {
				s, out := run(t, e, conversation.State{}, ins(withClient(cmd("start", ""), lang), text("34"), tap("topic:housing"), text(label)))
				if s.Step() != conversation.StepResult || s.Lang != lang || !s.PlaceDone {
					t.Fatalf("step %s, lang %s, place done %v", s.Step(), s.Lang, s.PlaceDone)
				}
				got := said(out)
				if !slices.Contains(got, "place.skipped") || slices.Contains(got, "safety.heard") || slices.Contains(got, "topic.recognized") {
					t.Errorf("said %q", got)
				}
				if evs := events(out); len(evs) == 0 || evs[0] != answered(conversation.StepPlace, "button") {
					t.Errorf("events %q", evs)
				}
			})
		}
	}
}

// TestNoPostcodeInOtherWords: at the place question, a short answer that names the postcode
// and says no in other words than answer.dont_know's skips the place, in any shipped language;
// one with a postcode in it, or naming a place of the area, is read for those.
func TestNoPostcodeInOtherWords(t *testing.T) {
	e := placesEngine(t, twoMBE())
	for _, c := range []struct{ lang, typed string }{
		{"fr", "Je connais pas le code postal de chez moi"},
		{"fa-AF", "کد پستی خود را یاد ندارم"},
		{"ps", "پوسټ کوډ مې یاد نه دی"},
		{"en", "sorry the postcode I can't remember"},
		{"de", "die PLZ weiß ich gerade nicht"},
		{"tr", "posta kodunu bilmiyorum yok"},
	} {
		s, out := run(t, e, conversation.State{}, seq(ins(cmd("start", c.lang), text("34"), tap("topic:housing")), ins(text(c.typed))))
		if s.Step() != conversation.StepResult || !slices.Contains(said(out), "place.skipped") {
			t.Errorf("%s %q: at %s, said %q; want the place skipped", c.lang, c.typed, s.Step(), said(out))
		}
	}
	// A place outside the area beside it is where the person lives (J7: it was dropped).
	s, out := run(t, engineWithPlaces(t), conversation.State{}, seq(toPlace, ins(text("PLZ weiß ich nicht, wohne in Göttingen"))))
	if s.Step() != conversation.StepResult || !s.Outside || slices.Contains(said(out), "place.skipped") {
		t.Errorf("Göttingen beside no postcode: outside %v at %s, said %q; want the place outside the area", s.Outside, s.Step(), said(out))
	}
	s, out = run(t, e, conversation.State{}, seq(toPlace, ins(text("not the postcode 80331"))))
	if slices.Contains(said(out), "place.skipped") {
		t.Errorf("with a postcode: at %s, said %q; want it read", s.Step(), said(out))
	}
}

// TestWhatIsAPostcode: at the place question, a person who asks what a postcode is or where
// to find it is told, with the served town's own postcode as the example, and asked again
// with the "Skip" keyboard (J7: the question skipped the place); one who has or knows none,
// or names a place, is read as before.
func TestWhatIsAPostcode(t *testing.T) {
	e := engineWithPlaces(t)
	for _, c := range []struct{ lang, typed string }{
		{"en", "what is a postcode?"},
		{"en", "What's a postcode"},
		{"en", "sorry, I don't know what a postcode is"},
		{"en", "where do I find my postcode"},
		{"en", "postcode?"},
		{"en", "PLZ? what is it"},
		{"de", "Was ist eine PLZ?"},
		{"de", "wo finde ich die Postleitzahl"},
		{"de", "PLZ??"},
		// Not understanding the word (J8: "pas" read as "no postcode", skipped).
		{"fr", "code postal ? je comprends pas"},
		{"ru", "индекс? не понимаю"},
		{"en", "postcode? i dont understand"},
	} {
		s, out := run(t, e, conversation.State{}, seq(ins(cmd("start", c.lang), text("34"), tap("topic:housing")), ins(text(c.typed))))
		got := said(out)
		if s.Step() != conversation.StepPlace || !slices.Contains(got, "place.what_postcode") || slices.Contains(got, "place.skipped") {
			t.Errorf("%s %q: at %s, said %q; want what a postcode is and the question again", c.lang, c.typed, s.Step(), got)
			continue
		}
		for _, m := range out.Messages {
			for _, l := range m.Lines {
				if l.ID == "place.what_postcode" && flat(l.Data["Example"].(dialog.Text)) != "34117 Kassel" {
					t.Errorf("%q: example %v, want 34117 Kassel", c.typed, l.Data)
				}
			}
		}
		if last := out.Messages[len(out.Messages)-1]; last.AskLocation == nil {
			t.Errorf("%q: the place question's keyboard is not shown again", c.typed)
		}
	}
	for _, c := range []struct{ lang, typed, want string }{
		{"en", "well no", "place.skipped"}, // J7: filler before no
		{"ru", "ну нет", "place.skipped"},
		{"pl", "no nie", "place.skipped"},
		{"de", "naja nein", "place.skipped"},
		{"en", "no 34117", "place.postcode"},
		{"en", "I don't have a postcode", "place.skipped"},
		{"fr", "je connais pas mon code postal", "place.skipped"}, // not knowing it is no confusion
		{"en", "I don't understand", "confused"},
		{"en", "I have no address yet", "place.skipped"},
		{"de", "hab noch keine Adresse", "place.skipped"},
		{"de", "keine PLZ?", "place.skipped"},
		{"en", "what is the postcode of Vellmar?", "place.named"},
	} {
		_, out := run(t, e, conversation.State{}, seq(ins(cmd("start", c.lang), text("34"), tap("topic:housing")), ins(text(c.typed))))
		if got := said(out); !slices.Contains(got, c.want) || slices.Contains(got, "place.what_postcode") {
			t.Errorf("%s %q: said %q, want %s", c.lang, c.typed, got, c.want)
		}
	}
}
