package conversation_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

func wantResults(ids ...string) func(*testing.T, conversation.State, dialog.Output) {
	return func(t *testing.T, s conversation.State, _ dialog.Output) {
		t.Helper()
		if !slices.Equal(s.Results, ids) {
			t.Errorf("results %q, want %q", s.Results, ids)
		}
	}
}

func result(band, topic, place string) string {
	return ev(dialog.EventResult, "age_band", band, "topic", topic, "lang", "en", "place", place)
}

func named(kind dialog.EventKind, ids ...string) []string {
	var evs []string
	for _, id := range ids {
		evs = append(evs, ev(kind, "office", id))
	}
	return evs
}

func only(ids ...string) *directory.Snapshot {
	var os []directory.Office
	for _, o := range offices() {
		if slices.Contains(ids, o.ID) {
			os = append(os, o)
		}
	}
	return directory.NewSnapshot(os, 0)
}

// TestResults covers what the result names for each branch, its map buttons and the taps
// after it.
func TestResults(t *testing.T) {
	skipped := answered(conversation.StepPlace, "button")
	gone := conversation.State{Lang: "en", Started: true, Age: ptr(34), AgeBand: "27+", Topic: "work", PlaceDone: true, Results: []string{"gone"}}
	stale := func(data string) transcript {
		return transcript{
			name: data + " is stale", inputs: seq(adultResult, ins(tap(data))), step: conversation.StepResult, lang: "en",
			said: []string{"stale", "next.question"}, notice: "stale", buttons: nextButtons,
		}
	}
	runTranscripts(t, []transcript{
		{
			name: "adult, housing, place skipped", inputs: adultResult, step: conversation.StepResult, lang: "en",
			incl: []string{
				"place.skipped", "result.summary", "result.intro", "office.title", "office.kind.mbe",
				"office.title", "office.kind.mbe", "online.travel", "feedback.question",
			},
			notSaid: []string{"result.services", "result.youth_services", "office.kind.mbe_exception", "result.none"},
			buttons: []string{mapOf("mbe-kassel"), "res:yes", "res:no", "res:restart", "res:change", "nav:language"},
			noBtns:  []string{mapOf("mbe-baunatal")},
			edit:    []string{"place.question", "answer.chosen"},
			events:  seq([]string{skipped, result("27+", "housing", "no")}, named(dialog.EventOfficeNamed, "mbe-kassel", "mbe-baunatal")),
			check: func(t *testing.T, s conversation.State, out dialog.Output) {
				wantResults("mbe-kassel", "mbe-baunatal")(t, s, out)
				if !out.Messages[0].HideKeyboard {
					t.Error("the location keyboard stays")
				}
				age, _ := out.Messages[1].Lines[0].Data["Age"].(dialog.Text)
				if age.Raw != "34" || !age.LTR {
					t.Errorf("summary age %+v, want the typed 34", age)
				}
			},
		},
		{
			name: "under 27 with housing: the MBE as a second option", inputs: ins(tap("lang:en"), tap("age:18-26"), tap("topic:housing"), tap("place:skip")),
			step: conversation.StepResult, lang: "en",
			incl:    []string{"result.summary", "office.kind.jmd", "office.kind.jmd", "office.not_accepting", "office.kind.mbe_exception", "online.travel"},
			buttons: []string{mapOf("jmd-kassel"), mapOf("mbe-kassel")}, noBtns: []string{mapOf("jmd-full")},
			edit:   []string{"place.question", "answer.chosen"},
			events: seq([]string{skipped, result("18-26", "housing", "no")}, named(dialog.EventOfficeNamed, "jmd-kassel", "jmd-full", "mbe-kassel")),
			check: func(t *testing.T, s conversation.State, out dialog.Output) {
				wantResults("jmd-kassel", "jmd-full", "mbe-kassel")(t, s, out)
				age, _ := out.Messages[1].Lines[0].Data["Age"].(dialog.Text)
				if age.ID != "age.band.18to26" {
					t.Errorf("summary age %+v, want the band tapped", age)
				}
			},
		},
		{
			name: "child alone: the youth services only", inputs: seq(toChild, ins(tap("child:no"))), step: conversation.StepResult, lang: "en",
			incl:    []string{"result.child_alone", "office.title", "feedback.question"},
			notSaid: []string{"result.summary", "result.intro", "result.none", "online.travel", "online.none", "online.full"},
			buttons: []string{mapOf("jugendamt")}, noBtns: []string{"res:card"}, edit: []string{"child.question", "answer.chosen"},
			events: seq([]string{answered(conversation.StepChild, "button"), result("u12", "", "no")}, named(dialog.EventServiceNamed, "jugendamt")),
			check:  wantResults("jugendamt"),
		},
		{
			name: "child alone: changing an answer asks the age again", inputs: seq(toChild, ins(tap("child:no"), tap("res:change"))),
			step: conversation.StepAge, lang: "en", said: []string{"age.question"},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if s.Age != nil || s.WithParent != nil || s.Changing {
					t.Errorf("state %+v", s)
				}
			},
		},
		{
			name: "child with a parent of 34: the MBE and the youth services", inputs: seq(toParentAge, ins(text("34"), tap("topic:residence"), tap("place:skip"))),
			step: conversation.StepResult, lang: "en",
			incl: []string{"result.summary_parent", "result.for_parent_mbe", "result.intro", "office.kind.mbe", "office.kind.mbe", "result.services",
				"result.youth_services", "online.travel"},
			notSaid: []string{"result.summary", "result.for_parent_jmd"},
			buttons: []string{mapOf("mbe-kassel"), mapOf("jugendamt")}, noBtns: []string{mapOf("mbe-baunatal"), mapOf("abh")}, edit: []string{"place.question", "answer.chosen"},
			events: seq([]string{skipped, result("u12", "residence", "no")},
				named(dialog.EventOfficeNamed, "mbe-baunatal", "mbe-kassel"), named(dialog.EventServiceNamed, "abh", "jugendamt")),
			check: wantResults("mbe-baunatal", "mbe-kassel", "abh", "jugendamt"),
		},
		{
			name: "child with a parent, family matters: the Jugendamt named once", inputs: seq(toParentAge, ins(tap("age:18-26"), tap("topic:family"), tap("place:skip"))),
			step: conversation.StepResult, lang: "en",
			incl: []string{"office.kind.jmd", "office.kind.jmd", "result.services"}, notSaid: []string{"result.youth_services"},
			edit:   []string{"place.question", "answer.chosen"},
			events: seq([]string{skipped, result("u12", "family", "no")}, named(dialog.EventOfficeNamed, "jmd-kassel", "jmd-full"), named(dialog.EventServiceNamed, "jugendamt")),
			check:  wantResults("jmd-kassel", "jmd-full", "jugendamt"),
		},
		{
			name: "shared location: rounded, distance shown", inputs: seq(toTopic, ins(tap("topic:work"), loc(51.3127, 9.4797))),
			step: conversation.StepResult, lang: "en", incl: []string{"place.thanks", "result.summary", "office.distance"},
			events: seq([]string{answered(conversation.StepPlace, "location"), result("27+", "work", "yes")}, named(dialog.EventOfficeNamed, "mbe-kassel", "mbe-baunatal")),
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if s.Lat == nil || *s.Lat != 51.313 || *s.Lon != 9.48 {
					t.Errorf("position %v, %v", s.Lat, s.Lon)
				}
			},
		},
		{
			name: "no office for the answers", dir: directory.NewSnapshot(nil, 0), inputs: adultResult, step: conversation.StepResult, lang: "en",
			incl: []string{"result.summary", "result.none", "online.none", "feedback.question"}, notSaid: []string{"result.intro"},
			noBtns: []string{mapOf("mbe-kassel"), "res:card"}, edit: []string{"place.question", "answer.chosen"},
			events: []string{skipped, ev(dialog.EventNoResult, "topic", "housing", "lang", "en"), result("27+", "housing", "no")},
		},
		{
			name: "every office full", dir: only("jmd-full"), inputs: ins(tap("lang:en"), tap("age:18-26"), tap("topic:work"), tap("place:skip")),
			step: conversation.StepResult, lang: "en", incl: []string{"office.not_accepting", "online.full"}, notSaid: []string{"online.travel"},
			edit:   []string{"place.question", "answer.chosen"},
			events: seq([]string{skipped, result("18-26", "work", "no")}, named(dialog.EventOfficeNamed, "jmd-full")),
		},
		{
			name: "a map button shows the venue", inputs: seq(adultResult, ins(tap(mapOf("mbe-kassel")))), step: conversation.StepResult, lang: "en",
			events: []string{ev(dialog.EventMapShown)},
			check: func(t *testing.T, _ conversation.State, out dialog.Output) {
				want := dialog.Venue{Lat: 51.31, Lon: 9.48, Title: "MBE Kassel", Address: "Ständeplatz 2, 34117 Kassel"}
				if len(out.Messages) != 1 || out.Messages[0].Venue == nil || *out.Messages[0].Venue != want {
					t.Errorf("messages %+v, want the venue %+v", out.Messages, want)
				}
			},
		},
		{
			name: "the map of an office without a position", inputs: seq(adultResult, ins(tap(mapOf("mbe-baunatal")))), step: conversation.StepResult, lang: "en",
			said: []string{"office.no_position"},
		},
		{
			name: "the map of an office gone from the directory", from: gone, inputs: ins(tap(mapOf("gone"))), step: conversation.StepResult, lang: "en",
			said: []string{"office.gone"},
		},
		stale("res:map0"), stale("res:map7"), stale("res:map-1"), stale(mapOf("jmd-kassel")), stale(mapOf("mbe-kassel") + "0"), stale("res:map"),
		{
			// The map button of an older result names its own office, whatever the order of
			// the results shown since (here: another need puts another office first).
			name: "an older result's map button shows its own office", inputs: seq(adultResult,
				ins(tap("res:change"), tap("chg:topic"), tap("topic:residence"), tap(mapOf("mbe-kassel")))),
			step: conversation.StepResult, lang: "en", events: []string{ev(dialog.EventMapShown)},
			check: func(t *testing.T, s conversation.State, out dialog.Output) {
				if len(s.Results) == 0 || s.Results[0] == "mbe-kassel" {
					t.Fatalf("results %q: the first is the same as before, which tests nothing", s.Results)
				}
				if len(out.Messages) != 1 || out.Messages[0].Venue == nil || out.Messages[0].Venue.Title != "MBE Kassel" {
					t.Errorf("messages %+v, want the venue of MBE Kassel", out.Messages)
				}
			},
		},
		{
			name: "feedback yes", inputs: seq(adultResult, ins(tap("res:yes"))), step: conversation.StepResult, lang: "en",
			notice: "feedback.thanks", events: []string{ev(dialog.EventFeedback, "answer", "yes")},
		},
		{
			name: "feedback tapped again: thanked, counted once", inputs: seq(adultResult, ins(tap("res:yes"), tap("res:yes"))),
			step: conversation.StepResult, lang: "en", notice: "feedback.thanks", events: []string{},
		},
		{
			name: "feedback no asks what was missing", inputs: seq(adultResult, ins(tap("res:no"))), step: conversation.StepResult, lang: "en",
			said: []string{"why.question"}, buttons: []string{"why:office", "why:phone", "why:language", "why:other"},
			events: []string{ev(dialog.EventFeedback, "answer", "no")},
		},
		{
			name: "res:restart", inputs: seq(adultResult, ins(tap("res:restart"))), step: conversation.StepAge, lang: "en",
			said: []string{"age.question"}, events: []string{ev(dialog.EventStarted, "lang", "en", "source", "restart")},
			check: func(t *testing.T, s conversation.State, _ dialog.Output) {
				if s.Age != nil || s.Topic != "" || s.PlaceDone || s.Results != nil || !s.Started {
					t.Errorf("state after restart: %+v", s)
				}
			},
		},
	})
}

func TestMapButtonLabelIsShortened(t *testing.T) {
	long := strings.Repeat("Beratungsstelle ", 4) // 64 runes
	dir := directory.NewSnapshot([]directory.Office{{ID: "m", Kind: directory.KindMBE, Name: long, Latitude: ptr(51.3), Longitude: ptr(9.5)}}, 0)
	_, out := run(t, newEngine(t, dir), conversation.State{}, adultResult)
	b := out.Messages[len(out.Messages)-1].Buttons[0][0]
	name, _ := b.Label.Data["Name"].(dialog.Text)
	if b.Data != mapOf("m") || b.Label.ID != "button.map" || b.Label.Data["Number"] != 1 {
		t.Fatalf("first button %+v", b)
	}
	if utf8.RuneCountInString(name.Raw) != 18 || !strings.HasSuffix(name.Raw, "…") || !strings.HasPrefix(long, strings.TrimSuffix(name.Raw, "…")) {
		t.Errorf("label name %q", name.Raw)
	}
}

var errBroken = errors.New("directory unavailable")

// brokenDir is the test directory that fails the failMatch-th Match call (counting from 1),
// and every Office call when failOffice is set.
type brokenDir struct {
	conversation.Directory
	failMatch  int
	failOffice bool
	calls      int
}

func (d *brokenDir) Match(ctx context.Context, q directory.Query) (directory.Matches, error) {
	d.calls++
	if d.calls == d.failMatch {
		return directory.Matches{}, errBroken
	}
	return d.Directory.Match(ctx, q)
}

func (d *brokenDir) Office(ctx context.Context, id string) (directory.Office, error) {
	if d.failOffice {
		return directory.Office{}, errBroken
	}
	return d.Directory.Office(ctx, id)
}

// TestErrorLeavesStateAlone: when the directory fails, Handle returns the error, the state it
// was given and nothing to say, and changes nothing of the state it was given.
func TestErrorLeavesStateAlone(t *testing.T) {
	cases := []struct {
		name       string
		before     []dialog.Input
		in         dialog.Input
		failMatch  int
		failOffice bool
	}{
		{name: "place skipped", before: toPlace, in: tap("place:skip"), failMatch: 1},
		{name: "place typed", before: toPlace, in: text("51.31, 9.49"), failMatch: 1},
		{name: "place shared", before: toPlace, in: loc(51.31, 9.49), failMatch: 1},
		{name: "child alone", before: toChild, in: tap("child:no"), failMatch: 1},
		{name: "youth services of a child with a parent", before: seq(toParentAge, ins(text("34"), tap("topic:residence"))), in: tap("place:skip"), failMatch: 2},
		{name: "back from the change menu", before: toChangeMenu, in: tap("chg:back"), failMatch: 1},
		{name: "age changed", before: seq(toChangeMenu, ins(tap("chg:age"))), in: text("40"), failMatch: 1},
		{name: "map button", before: adultResult, in: tap(mapOf("mbe-kassel")), failOffice: true},
		{name: "sticker after a result: the office to call", before: adultResult, in: sticker(), failOffice: true},
		{name: "what was missing: the next office", before: seq(adultResult, ins(tap("res:no"))), in: tap("why:phone"), failMatch: 1},
		{name: "further needs", before: seq(toTopic, ins(text("a flat and a German course"))), in: tap("place:skip"), failMatch: 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := run(t, newEngine(t, nil), conversation.State{}, c.before)
			before := stateJSON(t, s)
			e := newEngine(t, &brokenDir{Directory: directory.NewSnapshot(offices(), 0), failMatch: c.failMatch, failOffice: c.failOffice})
			next, out, err := e.Handle(context.Background(), s, c.in)
			if !errors.Is(err, errBroken) {
				t.Fatalf("err = %v, want %v", err, errBroken)
			}
			if got := stateJSON(t, next); string(got) != string(before) {
				t.Errorf("returned state %s, want %s", got, before)
			}
			if got := stateJSON(t, s); string(got) != string(before) {
				t.Errorf("the given state changed to %s, was %s", got, before)
			}
			if !reflect.DeepEqual(out, dialog.Output{}) {
				t.Errorf("output %+v, want none", out)
			}
		})
	}
}

// TestNoDirectoryReadAfterTheResult: the taps and inputs after a result that do not show it
// again need no directory.
func TestNoDirectoryReadAfterTheResult(t *testing.T) {
	s, _ := run(t, newEngine(t, nil), conversation.State{}, adultResult)
	e := newEngine(t, &brokenDir{Directory: directory.NewSnapshot(offices(), 0), failMatch: 1, failOffice: true})
	for _, in := range ins(resume(), text("hello"), cmd("help", ""), tap("res:yes"), tap("res:no"), tap("res:change"), tap("res:restart")) {
		if _, _, err := e.Handle(context.Background(), s, in); err != nil {
			t.Errorf("%+v: %v", in, err)
		}
	}
}

// TestMapButtonNames: a counselling office's map button names its provider (offices of a kind
// share a name), an add-on service's its own name (J12: "Stadt Kassel und …" named the
// Ausländerbehörde, and could be any of the city's services).
func TestMapButtonNames(t *testing.T) {
	dir := directory.NewSnapshot([]directory.Office{
		{ID: "m", Kind: directory.KindMBE, Name: "MBE", Provider: "Caritas", Latitude: ptr(51.3), Longitude: ptr(9.5)},
		{ID: "a", Kind: directory.KindService, Name: "Ausländerbehörde", Provider: "Stadt Kassel", Topics: []directory.Topic{"residence"}, Latitude: ptr(51.3), Longitude: ptr(9.5)},
	}, 0)
	_, out := run(t, newEngine(t, dir), conversation.State{}, ins(cmd("start", "en"), text("34"), tap("topic:residence"), tap("place:skip")))
	var names []string
	for _, row := range out.Messages[len(out.Messages)-1].Buttons {
		if b := row[0]; b.Label.ID == "button.map" {
			name, _ := b.Label.Data["Name"].(dialog.Text)
			names = append(names, name.Raw)
		}
	}
	if !slices.Equal(names, []string{"Caritas", "Ausländerbehörde"}) {
		t.Errorf("map buttons name %q, want the MBE's provider and the service's name", names)
	}
}
