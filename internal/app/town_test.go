package app_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/app"
	"github.com/kassel/wegweiser/internal/area"
	"github.com/kassel/wegweiser/internal/chat"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/seed"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/storetest"
	"github.com/kassel/wegweiser/internal/testharness"
)

// otherTown is a directory of another town, every field a newcomer can see filled in.
var otherTown = directorytest.File(
	`mbe-goe,mbe,Migrationsberatung Göttingen,Träger Süd e.V.,Weender Straße 1,37073,Göttingen,51.5350,9.9350,0551 111111,mbe@example.org,https://example.org/mbe,de ar fa-AF,housing money residence,,,"Mo-Th 09:00-12:00,13:00-15:00; Fr 09:00-12:00",Termine nach Anruf.,true,2026-10-01`,
	`mbe-goe2,mbe,MBE Grone,Träger Nord e.V.,Groner Landstraße 9,37081,Göttingen,51.5300,9.9100,0551 222222,,,de uk ru,work,,,,,false,`,
	`jmd-goe,jmd,Jugendmigrationsdienst Göttingen,Träger West e.V.,Lange Geismar Straße 2,37073,Göttingen,51.5330,9.9400,0551 333333,jmd@example.org,,de en tr,education housing,,,Tu 10:00-16:00,,,`,
	`ja-goe,service,Jugendamt Göttingen,Stadt Göttingen,Hiroshimaplatz 1,37083,Göttingen,51.5280,9.9330,0551 400000,,,,family education,,,,,,`,
	`abh-goe,service,Ausländerbehörde Göttingen,Stadt Göttingen,Hiroshimaplatz 2,37083,Göttingen,51.5281,9.9331,0551 400001,,,,residence family_reunion,,,,,,`,
	`jc-goe,service,Jobcenter Göttingen,Landkreis Göttingen,Bahnhofsallee 5,37081,Göttingen,51.5360,9.9260,,,,,money work,,,,,,`,
)

var otherArea = area.Area{
	Name: "Göttingen",
	Names: map[string]string{"ar": "غوتينغن", "fa-AF": "گوتینگن", "ps": "ګوتینګن", "uk": "Геттінген", "ru": "Гёттинген",
		"bg": "Гьотинген", "ti": "ጎቲንገን"},
	Latitude: 51.53, Longitude: 9.93, State: "NI",
	Postcodes: []string{"37073", "37075", "37077", "37079", "37081", "37083", "37085"},
}

// newcomerPaths reach every message a newcomer can be shown: each question, each kind of
// result, a postcode inside, outside and unknown, the map, the commands, stale and forged
// buttons, an unsupported message and the goodbye.
func newcomerPaths(lang string) [][]dialog.Input {
	choice := func(d string) dialog.Input {
		return dialog.Input{Kind: dialog.InputChoice, Choice: d, ClientLang: lang}
	}
	text := func(s string) dialog.Input { return dialog.Input{Kind: dialog.InputText, Text: s, ClientLang: lang} }
	cmd := func(s, arg string) dialog.Input {
		return dialog.Input{Kind: dialog.InputCommand, Text: s, Arg: arg, ClientLang: lang}
	}
	loc := dialog.Input{Kind: dialog.InputLocation, Lat: 51.54, Lon: 9.92, ClientLang: lang}
	sticker := dialog.Input{Kind: dialog.InputUnsupported, ClientLang: lang}
	pick := choice("lang:" + lang)
	return [][]dialog.Input{
		{text("hallo"), pick, text("abc"), text("34"), text("blorp"), choice("topic:housing"), text("37073"), choice("res:map0"),
			choice("res:yes"), cmd("help", ""), cmd("privacy", ""), cmd("about", ""), cmd("language", ""), cmd("frobnicate", ""), sticker,
			text(strings.Repeat("long ", 200)), choice("age:u12"), cmd("restart", "")},
		{cmd("start", ""), pick, choice("age:18-26"), choice("topic:money"), text("00000"), text("3707"), text("Skip"),
			choice("res:change"), choice("chg:place"), loc, choice("res:change"), choice("chg:age"), text("19"), choice("res:no")},
		{cmd("start", lang), choice("age:u12"), choice("child:yes"), choice("age:27+"), choice("topic:family"), text("80331"),
			choice("res:map1"), choice("res:change"), choice("chg:back")},
		{cmd("start", lang), choice("age:u12"), choice("child:no"), choice("res:change")},
		{cmd("start", lang), text("19"), text("flat and German course"), choice("topic:housing"), loc, choice("res:change"),
			choice("chg:topic"), choice("topic:residence"), choice("res:map9"), choice("nav:language"), choice("lang:de")},
		{cmd("start", lang), text("30"), choice("topic:work"), text("37081"), cmd("delete", "")},
	}
}

// shown renders everything an output shows: its messages (with their buttons and keyboards),
// the edited question, the notice and the venues.
func shown(cat *i18n.Catalog, lang string, out dialog.Output) []string {
	var texts []string
	msgs := out.Messages
	if out.Edit != nil {
		msgs = append(msgs, *out.Edit)
	}
	for _, m := range msgs {
		l := lang
		if m.Lang != "" {
			l = m.Lang
		}
		texts = append(texts, cat.RenderMessage(l, m))
		for _, row := range m.Buttons {
			for _, b := range row {
				texts = append(texts, cat.Render(l, b.Label))
			}
		}
		if m.AskLocation != nil {
			texts = append(texts, cat.Render(l, *m.AskLocation))
		}
		for _, r := range m.Reply {
			texts = append(texts, cat.Render(l, r))
		}
		if m.Venue != nil {
			texts = append(texts, m.Venue.Title, m.Venue.Address)
		}
	}
	if out.Notice != nil {
		texts = append(texts, cat.Render(lang, *out.Notice))
	}
	return texts
}

// walk runs every newcomer path in every shipped language and returns all that was shown.
func walk(t *testing.T, runner *chat.Runner, cat *i18n.Catalog) []string {
	t.Helper()
	ctx := context.Background()
	var all []string
	for _, lang := range i18n.Shipped {
		for i, path := range newcomerPaths(lang) {
			key := fmt.Sprintf("town-%s-%d", lang, i)
			for _, in := range path {
				out, convLang, err := runner.Handle(ctx, key, 0, in, staff.Who{TelegramID: 1})
				if err != nil {
					t.Fatalf("%s path %d: %v", lang, i, err)
				}
				if convLang == "" {
					convLang = lang
				}
				all = append(all, shown(cat, convLang, out)...)
			}
		}
	}
	return all
}

// townNames are the shipped town's name in every language that writes it.
func townNames() []string {
	a := seed.KasselArea()
	names := []string{a.Name}
	for _, n := range a.Names {
		names = append(names, n)
	}
	return names
}

func naming(texts, names []string) []string {
	var found []string
	for _, s := range texts {
		for _, n := range names {
			if strings.Contains(strings.ToLower(s), strings.ToLower(n)) {
				found = append(found, fmt.Sprintf("%q in %q", n, s))
			}
		}
	}
	return found
}

// TestAnotherTownNamesNoKassel: with another town's directory and area stored, nothing a
// newcomer can be shown, in any language, names the shipped town; the other town is named
// instead, in the reader's script. The same walk with the shipped area finds the shipped
// town, so the search itself works.
func TestAnotherTownNamesNoKassel(t *testing.T) {
	ctx := context.Background()
	st := storetest.New(t, otherTown)
	if _, err := st.SetArea(ctx, staff.ImportActor, otherArea); err != nil {
		t.Fatal(err)
	}
	stored, seeded, err := app.StoredArea(ctx, st)
	if err != nil || seeded || stored.Name != "Göttingen" {
		t.Fatalf("stored area %q, seeded %v, %v", stored.Name, seeded, err)
	}
	runner, cat := testharness.NewIn(t, st, stored)
	texts := walk(t, runner, cat)
	if len(texts) < 15*40 {
		t.Fatalf("only %d texts shown: the walk is broken", len(texts))
	}
	for _, f := range naming(texts, townNames()) {
		t.Error(f)
	}
	for _, lang := range i18n.Shipped {
		welcome := cat.Render(lang, dialog.T("welcome"))
		if !strings.Contains(welcome, stored.NameIn(lang)) {
			t.Errorf("%s: the welcome does not name %q: %q", lang, stored.NameIn(lang), welcome)
		}
	}
	for _, want := range []string{"80331", "bamf-navi.bamf.de", "37073", "00000"} {
		if len(naming(texts, []string{want})) == 0 {
			t.Errorf("the walk never showed %q: a postcode path is missing", want)
		}
	}

	shipped := storetest.New(t, otherTown)
	runner, cat = testharness.NewIn(t, shipped, seed.KasselArea())
	if len(naming(walk(t, runner, cat), townNames())) == 0 {
		t.Error("with the shipped area, the walk found no town name: the check cannot fail")
	}
}

// TestStoredShippedAreaTakesTheDistricts: the shipped area stored by a version that knew no
// districts, villages or arrival places takes the shipped ones at the next start; another town's area, or
// the shipped one changed, stays as stored.
func TestStoredShippedAreaTakesTheDistricts(t *testing.T) {
	ctx := context.Background()
	shipped := seed.KasselArea()
	old := shipped
	old.Districts, old.Villages, old.Arrival = nil, nil, nil
	changed := old
	changed.RadiusKm = 5
	noArrival := shipped
	noArrival.Arrival = nil
	flat := shipped // villages as stored before one could name another (Fuldatal's)
	flat.Villages = map[string]string{}
	for v, m := range shipped.Villages {
		if m == "Fuldatal" {
			m = shipped.Villages["Fuldatal"]
		}
		flat.Villages[v] = m
	}
	if reflect.DeepEqual(flat, shipped) {
		t.Fatal("no village of the shipped area names another: the upgrade from flat villages is not tried")
	}
	if len(shipped.Arrival) == 0 {
		t.Fatal("the shipped area has no arrival places: the upgrade is not tried")
	}
	for _, tc := range []struct {
		name   string
		stored area.Area
		want   area.Area
	}{
		{"the shipped area as stored before", old, shipped},
		{"the shipped area as stored before arrival places", noArrival, shipped},
		{"the shipped area as stored before Fuldatal's villages named it", flat, shipped},
		{"the shipped area changed", changed, changed},
		{"another town", otherArea, otherArea},
	} {
		st := storetest.New(t, "")
		if _, err := st.SetArea(ctx, staff.ImportActor, tc.stored); err != nil {
			t.Fatal(err)
		}
		got, seeded, err := app.StoredArea(ctx, st)
		if err != nil || seeded || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %+v, seeded %v, %v", tc.name, got.Districts, seeded, err)
		}
		if again, err := st.Area(ctx); err != nil || !reflect.DeepEqual(again, tc.want) {
			t.Errorf("%s: stored %+v, %v", tc.name, again.Districts, err)
		}
	}
}
