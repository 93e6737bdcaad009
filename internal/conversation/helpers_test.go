package conversation_test

// Shared test support: a small in-memory directory, the real catalog, input constructors,
// readers of an Output (ids said, button data, events) and the transcript runner.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/locales"
)

func ptr[T any](v T) *T { return &v }

func topics(ts ...directory.Topic) []directory.Topic { return ts }

// offices is the test directory: two JMD (one full, without a position), two MBE (one
// without a position), two add-on services, and an archived JMD that must never be named.
func offices() []directory.Office {
	confirmed := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	return []directory.Office{
		{
			ID: "jmd-kassel", Kind: directory.KindJMD, Name: "JMD Kassel", Provider: "Caritas",
			Street: "Königsplatz 1", Postcode: "34117", City: "Kassel", Latitude: ptr(51.316), Longitude: ptr(9.497),
			Phone: "+49 561 1234", Email: "jmd@example.org", Website: "https://jmd.example.org",
			Languages: []string{"de", "ar"}, Topics: topics("residence", "education", "work"),
			OpeningHours: "Mo-Fr 09:00-12:00", ConfirmedAt: &confirmed,
		},
		{
			ID: "jmd-full", Kind: directory.KindJMD, Name: "JMD Nord", City: "Kassel",
			Topics: topics("housing"), AcceptingNewClients: ptr(false),
		},
		{
			ID: "mbe-kassel", Kind: directory.KindMBE, Name: "MBE Kassel", Street: "Ständeplatz 2",
			Postcode: "34117", City: "Kassel", Latitude: ptr(51.31), Longitude: ptr(9.48),
			Languages: []string{"de", "fa"}, Topics: topics("housing", "money", "work"),
		},
		{ID: "mbe-baunatal", Kind: directory.KindMBE, Name: "MBE Baunatal", City: "Baunatal", Topics: topics("residence")},
		{
			ID: "jugendamt", Kind: directory.KindService, Name: "Jugendamt Kassel", City: "Kassel",
			Latitude: ptr(51.32), Longitude: ptr(9.5), Topics: topics("family"),
		},
		{ID: "abh", Kind: directory.KindService, Name: "Ausländerbehörde Kassel", City: "Kassel", Topics: topics("residence")},
		{ID: "jmd-archived", Kind: directory.KindJMD, Name: "AAA JMD alt", Topics: directory.Topics, Archived: true},
	}
}

var loadCatalog = sync.OnceValues(func() (*i18n.Catalog, error) { return i18n.Load(locales.FS) })

// newEngine returns an engine over dir (the test directory when nil) and the real catalog.
func newEngine(t testing.TB, dir conversation.Directory) *conversation.Engine {
	t.Helper()
	cat, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	if dir == nil {
		dir = directory.NewSnapshot(offices(), 0)
	}
	return &conversation.Engine{Dir: dir, Langs: cat, Operator: "Stadt Kassel", RetentionDays: 30}
}

// Inputs.

func text(s string) dialog.Input   { return dialog.Input{Kind: dialog.InputText, Text: s} }
func tap(data string) dialog.Input { return dialog.Input{Kind: dialog.InputChoice, Choice: data} }

// mapOf and ntfOf are the data of an office's map and reopen buttons in a result.
func mapOf(id string) string { return "res:map" + directory.Ref(id) }
func ntfOf(id string) string { return "res:ntf" + directory.Ref(id) }
func cmd(name, arg string) dialog.Input {
	return dialog.Input{Kind: dialog.InputCommand, Text: name, Arg: arg}
}
func loc(lat, lon float64) dialog.Input {
	return dialog.Input{Kind: dialog.InputLocation, Lat: lat, Lon: lon}
}
func sticker() dialog.Input { return dialog.Input{Kind: dialog.InputUnsupported} }
func resume() dialog.Input  { return dialog.Input{Kind: dialog.InputResume} }

// withClient sets the app language an input arrives with.
func withClient(in dialog.Input, lang string) dialog.Input { in.ClientLang = lang; return in }

// seq joins sequences (of inputs, of events) into a new slice, never appending to a shared one.
func seq[T any](parts ...[]T) []T {
	var out []T
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func ins(in ...dialog.Input) []dialog.Input { return in }

// Common beginnings of a conversation, in English (a share link names the language).
var (
	toAge        = ins(cmd("start", "en"))
	toTopic      = ins(cmd("start", "en"), text("34"))
	toPlace      = ins(cmd("start", "en"), text("34"), tap("topic:housing"))
	adultResult  = ins(cmd("start", "en"), text("34"), tap("topic:housing"), tap("place:skip"))
	toChild      = ins(cmd("start", "en"), tap("age:u12"))
	toParentAge  = ins(cmd("start", "en"), tap("age:u12"), tap("child:yes"))
	toChangeMenu = seq(adultResult, ins(tap("res:change")))
)

// Output readers.

// said lists the catalog ids of every line of every message, in order (literal lines skipped).
func said(out dialog.Output) []string {
	var ids []string
	for _, m := range out.Messages {
		ids = append(ids, lineIDs(m)...)
	}
	return ids
}

func lineIDs(m dialog.Message) []string {
	var ids []string
	for _, l := range m.Lines {
		if l.ID != "" {
			ids = append(ids, l.ID)
		}
	}
	return ids
}

// buttons lists the data of every button of every message.
func buttons(out dialog.Output) []string {
	var data []string
	for _, m := range out.Messages {
		for _, row := range m.Buttons {
			for _, b := range row {
				data = append(data, b.Data)
			}
		}
	}
	return data
}

// ev writes an event as "kind k=v ..." with the dimensions sorted by name.
func ev(kind dialog.EventKind, kv ...string) string {
	e := dialog.Event{Kind: kind, Dims: map[string]string{}}
	for i := 0; i+1 < len(kv); i += 2 {
		e.Dims[kv[i]] = kv[i+1]
	}
	return eventString(e)
}

func eventString(e dialog.Event) string {
	keys := make([]string, 0, len(e.Dims))
	for k := range e.Dims {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(string(e.Kind))
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%s", k, e.Dims[k])
	}
	return b.String()
}

func events(out dialog.Output) []string {
	var evs []string
	for _, e := range out.Events {
		evs = append(evs, eventString(e))
	}
	return evs
}

// flat writes a text language-neutrally: catalog ids in braces, literals as they are, joins
// with their separators, lists with ", " (the reader's language joins them its own way),
// numbers with a point. "Mo-Fr 09:00-12:00" reads "{day.mo}–{day.fr} 09:00–12:00".
func flat(t dialog.Text) string {
	switch {
	case t.Language != "":
		return "<" + t.Language + ">"
	case t.Number != nil:
		return strconv.FormatFloat(*t.Number, 'f', t.Digits, 64)
	case t.Parts != nil:
		parts := make([]string, len(t.Parts))
		for i, p := range t.Parts {
			parts[i] = flat(p)
		}
		if t.List {
			return strings.Join(parts, ", ")
		}
		return strings.Join(parts, t.Sep)
	case t.ID != "":
		return "{" + t.ID + "}"
	}
	return t.Raw
}

// isSubsequence reports whether want appears in got in order, not necessarily adjacent.
func isSubsequence(want, got []string) bool {
	i := 0
	for _, g := range got {
		if i < len(want) && g == want[i] {
			i++
		}
	}
	return i == len(want)
}

// stateJSON is the state as it is stored between inputs.
func stateJSON(t *testing.T, s conversation.State) []byte {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// run applies inputs from s, each through a JSON round trip as the store keeps the state,
// and checks that Handle never changes the state it was given. It returns the last state
// and output.
func run(t *testing.T, e *conversation.Engine, s conversation.State, inputs []dialog.Input) (conversation.State, dialog.Output) {
	t.Helper()
	var out dialog.Output
	for i, in := range inputs {
		before := stateJSON(t, s)
		next, o, err := e.Handle(context.Background(), s, in)
		if err != nil {
			t.Fatalf("input %d %+v: %v", i, in, err)
		}
		if after := stateJSON(t, s); !bytes.Equal(before, after) {
			t.Fatalf("input %d %+v changed the state it was given:\n%s\n%s", i, in, before, after)
		}
		s = conversation.State{}
		if err := json.Unmarshal(stateJSON(t, next), &s); err != nil {
			t.Fatal(err)
		}
		out = o
	}
	return s, out
}

// transcript is one named conversation: inputs from a starting state, and what the last
// input must lead to.
type transcript struct {
	name   string
	dir    conversation.Directory // nil: the test directory
	from   conversation.State
	inputs []dialog.Input

	step    conversation.Step
	lang    string
	said    []string // exactly the ids said (when includes is nil)
	incl    []string // ids said, in this order, among others
	notSaid []string
	buttons []string // button data that must be offered
	noBtns  []string // button data that must not be offered
	edit    []string // the edited message's ids; nil: no Edit
	anyEdit bool     // leave the Edit to check
	notice  string   // the Notice's id; "": none
	erase   bool
	events  []string // exactly these events, in order; {"*"}: any, left to check
	check   func(t *testing.T, s conversation.State, out dialog.Output)
}

func runTranscripts(t *testing.T, cases []transcript) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, out := run(t, newEngine(t, c.dir), c.from, c.inputs)
			if got := s.Step(); got != c.step {
				t.Errorf("step = %s, want %s", got, c.step)
			}
			if s.Lang != c.lang {
				t.Errorf("lang = %q, want %q", s.Lang, c.lang)
			}
			got := said(out)
			if c.incl == nil && !slices.Equal(got, c.said) {
				t.Errorf("said %q\nwant %q", got, c.said)
			}
			if c.incl != nil && !isSubsequence(c.incl, got) {
				t.Errorf("said %q\nwant among them, in order, %q", got, c.incl)
			}
			for _, id := range c.notSaid {
				if slices.Contains(got, id) {
					t.Errorf("said %q, which it must not", id)
				}
			}
			offered := buttons(out)
			for _, d := range c.buttons {
				if !slices.Contains(offered, d) {
					t.Errorf("no button %q among %q", d, offered)
				}
			}
			for _, d := range c.noBtns {
				if slices.Contains(offered, d) {
					t.Errorf("button %q offered, which it must not be", d)
				}
			}
			switch {
			case c.anyEdit:
			case c.edit == nil && out.Edit != nil:
				t.Errorf("edit %q, want none", lineIDs(*out.Edit))
			case c.edit != nil && out.Edit == nil:
				t.Errorf("no edit, want %q", c.edit)
			case c.edit != nil && !slices.Equal(lineIDs(*out.Edit), c.edit):
				t.Errorf("edit %q, want %q", lineIDs(*out.Edit), c.edit)
			}
			if c.edit != nil && out.Edit != nil && len(out.Edit.Buttons) > 0 {
				t.Errorf("the edited question keeps its buttons: %v", out.Edit.Buttons)
			}
			notice := ""
			if out.Notice != nil {
				notice = out.Notice.ID
			}
			if notice != c.notice {
				t.Errorf("notice %q, want %q", notice, c.notice)
			}
			if out.Erase != c.erase {
				t.Errorf("erase = %v, want %v", out.Erase, c.erase)
			}
			if evs := events(out); !slices.Equal(evs, c.events) && !slices.Equal(c.events, []string{"*"}) {
				t.Errorf("events %q\nwant   %q", evs, c.events)
			}
			if c.check != nil {
				c.check(t, s, out)
			}
		})
	}
}
