package conversation_test

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/kassel/wegweiser/internal/area"
	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/postcode"
)

// The fuzz targets of the newcomer dialogue's parsers, run through Engine.Handle with the
// in-memory test directory. Seed corpora: testdata/fuzz; `make fuzz` explores further.

// fuzzEngine is newEngine for a fuzz target's setup.
func fuzzEngine(tb testing.TB) *conversation.Engine {
	tb.Helper()
	cat, err := loadCatalog()
	if err != nil {
		tb.Fatal(err)
	}
	return &conversation.Engine{Dir: directory.NewSnapshot(offices(), 0), Langs: cat, Operator: "Stadt", RetentionDays: 30}
}

// reached is a state reached by real inputs, with the buttons its last answer offered.
type reached struct {
	name    string
	state   conversation.State
	offered []string
}

func reach(tb testing.TB, e *conversation.Engine, name string, inputs []dialog.Input) reached {
	tb.Helper()
	var s conversation.State
	var out dialog.Output
	for _, in := range inputs {
		next, o, err := e.Handle(context.Background(), s, in)
		if err != nil {
			tb.Fatal(err)
		}
		s, out = next, o
	}
	return reached{name: name, state: s, offered: buttons(out)}
}

func states(tb testing.TB, e *conversation.Engine) []reached {
	return []reached{
		reach(tb, e, "new", nil),
		reach(tb, e, "age", toAge),
		reach(tb, e, "topic", toTopic),
		reach(tb, e, "place", toPlace),
		reach(tb, e, "result", adultResult),
		reach(tb, e, "child", toChild),
		reach(tb, e, "parent age", toParentAge),
		reach(tb, e, "change menu", toChangeMenu),
		reach(tb, e, "child alone", seq(toChild, ins(tap("child:no")))),
	}
}

func saidAny(out dialog.Output, ids ...string) bool {
	return slices.ContainsFunc(said(out), func(id string) bool { return slices.Contains(ids, id) })
}

// FuzzButtonData: at every step, button data is either one the bot offered there (or a
// language, which any step takes) and acts, or it is refused as stale: the state stays as it
// was and the person is told. Before a language is chosen, anything but a language greets.
func FuzzButtonData(f *testing.F) {
	e := fuzzEngine(f)
	all := states(f, e)
	f.Fuzz(func(t *testing.T, data string) {
		for _, r := range all {
			before := stateJSON(t, r.state)
			next, out, err := e.Handle(context.Background(), r.state, tap(data))
			if err != nil {
				t.Fatalf("%s: %q: %v", r.name, data, err)
			}
			stale := out.Notice != nil && out.Notice.ID == "stale"
			switch {
			case stale:
				if !bytes.Equal(before, stateJSON(t, next)) || !saidAny(out, "stale") {
					t.Fatalf("%s: the refused %q changed the state or said nothing", r.name, data)
				}
			case r.state.Lang == "":
				if next.Lang == "" && !saidAny(out, "welcome") {
					t.Fatalf("%s: %q neither chose a language nor greeted: %v", r.name, data, said(out))
				}
			case !offeredAt(r, data, next):
				t.Fatalf("%s: %q was taken, but it was not offered (%q)", r.name, data, r.offered)
			}
		}
	})
}

// offeredAt reports whether data may act at r: offered there, the language picker, a
// shipped language, the whole topic list at the topic question, or the map of an office the
// result named (one without a position gets no map button, but its position may also have
// been removed after the result was shown: the engine answers that it has none).
func offeredAt(r reached, data string, next conversation.State) bool {
	prefix, value, _ := strings.Cut(data, ":")
	switch {
	case slices.Contains(r.offered, data), data == "nav:language":
		return true
	case prefix == "lang":
		return strings.EqualFold(next.Lang, value)
	case data == "nav:topics":
		return r.state.Step() == conversation.StepTopic
	case data == "place:skip": // the skip button's code; Telegram sends its label, as text
		return r.state.Step() == conversation.StepPlace
	case prefix == "res" && strings.HasPrefix(value, "map"):
		i, err := strconv.Atoi(strings.TrimPrefix(value, "map"))
		return err == nil && i >= 0 && i < len(r.state.Results) && value == "map"+strconv.Itoa(i)
	}
	return false
}

// FuzzTypedAge: at the age questions, typed text is refused with its reason (unreadable,
// too long) and the state stays; or it is an age the text holds (digits in any script or
// words), taken; or two or three such numbers, offered to choose from (one under 12 among
// words, to confirm); or a language's name
// (among a word or two more), which switches to it; or a call for help, answered with the
// question again; or else no age, said so, and the state stays. An age taken or
// offered is a whole number from 0 to 120 (for a parent, from 12).
func FuzzTypedAge(f *testing.F) {
	e := fuzzEngine(f)
	all := states(f, e)
	atAge := []reached{all[1], all[6]}
	f.Fuzz(func(t *testing.T, typed string) {
		for _, r := range atAge {
			parent := r.state.Step() == conversation.StepParentAge
			next, out, err := e.Handle(context.Background(), r.state, text(typed))
			if err != nil {
				t.Fatalf("%s: %q: %v", r.name, typed, err)
			}
			numbers, _ := e.Langs.Numbers(r.state.Lang, typed)
			fits := func(n int) bool {
				return n >= 0 && n <= 120 && (!parent || n >= directory.JMDMinAge) && slices.Contains(numbers, n)
			}
			// A message not understood counts towards the ways on (State.Missed), and
			// changes nothing else.
			kept := next
			kept.Missed = r.state.Missed
			unchanged := bytes.Equal(stateJSON(t, r.state), stateJSON(t, kept))
			reason, _ := conversation.CheckMessage(typed)
			switch {
			case reason != "":
				if !saidAny(out, "unreadable", "too_long") || !unchanged {
					t.Fatalf("%s: %q refused (%s) without saying so, or with a change", r.name, typed, reason)
				}
			case saidAny(out, "language.chosen", "welcome"):
				_, named := e.Langs.Named(strings.TrimSpace(typed))
				if _, among := e.Langs.NamedAmong(r.state.Lang, typed); !named && !among {
					t.Fatalf("%s: %q switched the language but names none", r.name, typed)
				}
			case saidAny(out, "plea"):
				// A call for help (its language may be guessed anew): the question comes again.
				if next.Step() != r.state.Step() {
					t.Fatalf("%s: %q was answered with the plea, but the question moved on", r.name, typed)
				}
			case saidAny(out, "age.invalid"):
				if !unchanged {
					t.Fatalf("%s: %q is no age, but the state changed", r.name, typed)
				}
			case saidAny(out, "age.not_understood"):
				// No number at all: said so, not "this age".
				if !unchanged || len(numbers) > 0 || strings.ContainsFunc(typed, unicode.IsDigit) {
					t.Fatalf("%s: %q holds a number (%v) or changed the state, but was not understood", r.name, typed, numbers)
				}
			case len(next.AgeChoices) > 0:
				// One small number among words is offered to confirm ("0 A", "floor 3"), several
				// to choose from.
				confirm := len(next.AgeChoices) == 1 && next.AgeChoices[0] < directory.JMDMinAge && saidAny(out, "age.confirm")
				if !confirm && (len(next.AgeChoices) < 2 || len(next.AgeChoices) > 3 || !saidAny(out, "age.which", "parent.which")) {
					t.Fatalf("%s: %q offered %v", r.name, typed, next.AgeChoices)
				}
				for _, n := range next.AgeChoices {
					if !fits(n) {
						t.Fatalf("%s: %q offered %d, which it does not hold as an age", r.name, typed, n)
					}
				}
			case saidAny(out, "topic.recognized") && saidAny(out, "age.question", "parent.question"):
				// A need typed instead of the age (or beside a number that is no plain age) is
				// taken, and the age asked again.
				if next.Topic == "" {
					t.Fatalf("%s: %q said a need was understood but took none", r.name, typed)
				}
			default:
				got := next.Age
				if parent {
					got = next.ParentAge
				}
				if got == nil || !fits(*got) {
					t.Fatalf("%s: %q answered %v with age %v, which it does not hold (numbers %v)", r.name, typed, said(out), got, numbers)
				}
			}
		}
	})
}

// FuzzTypedPlace: at the place question and under the result, with the real postcode table
// and an area like Kassel's, typed text is refused with its reason and the state stays; or it
// is read as a postcode or a place (in the area: a position in Germany; outside: said so,
// without one), a shared position, a skip, or something else answered without taking a
// place; never a place taken without being said.
func FuzzTypedPlace(f *testing.F) {
	e := fuzzEngine(f)
	tab, err := postcode.Load()
	if err != nil {
		f.Fatal(err)
	}
	e.Places = &postcode.Places{Table: tab, Area: area.NewLive(area.Area{Name: "Kassel", Names: map[string]string{"ar": "كاسل"},
		Latitude: 51.3127, Longitude: 9.4797, State: "HE", RadiusKm: 12})}
	at := []reached{reach(f, e, "place", toPlace), reach(f, e, "result", seq(toPlace, ins(tap("place:skip"))))}
	for _, seed := range []string{"Kassel", "ich wohne in Baunatal", "Frankfurt", "34117", "I don't know my postcode", "كاسل", "weil", "Hamburg 20095"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, typed string) {
		for _, r := range at {
			next, out, err := e.Handle(context.Background(), r.state, text(typed))
			if err != nil {
				t.Fatalf("%s: %q: %v", r.name, typed, err)
			}
			if reason, _ := conversation.CheckMessage(typed); reason != "" {
				if !bytes.Equal(stateJSON(t, r.state), stateJSON(t, next)) {
					t.Fatalf("%s: %q refused (%s), but the state changed", r.name, typed, reason)
				}
				continue
			}
			// A typed postcode or place is one in Germany (a position typed as coordinates,
			// the console's way to share one, may lie anywhere: it is told so).
			inGermany := next.Lat != nil && *next.Lat >= 47 && *next.Lat <= 55.2 && next.Lon != nil && *next.Lon >= 5.8 && *next.Lon <= 15.1
			if saidAny(out, "place.named", "place.postcode") && !inGermany {
				t.Fatalf("%s: %q took a postcode or place outside Germany: %+v", r.name, typed, next)
			}
			switch {
			case saidAny(out, "place.named"):
				if next.Lat == nil || next.Outside {
					t.Fatalf("%s: %q named a place in the area without its position: %+v", r.name, typed, next)
				}
			case saidAny(out, "place.named_outside"):
				if next.Lat != nil || !next.Outside {
					t.Fatalf("%s: %q named a place outside the area, but the state says %+v", r.name, typed, next)
				}
			case saidAny(out, "place.postcode", "place.outside", "place.skipped", "place.thanks", "place.outside_location"):
			case r.name == "place" && next.PlaceDone && next.Lat != nil:
				t.Fatalf("%s: %q took a position without saying so (said %q)", r.name, typed, said(out))
			}
		}
	})
}
