package store

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/stats"
	"github.com/kassel/wegweiser/internal/statstest"
)

// reportDirectory is the directory of the seeded year: no office lists Dari or housing.
var reportDirectory = directorytest.File(
	"jmd-a,jmd,JMD Mitte,,Mittelweg 1,34117,Kassel,,,0561 333333,,,de en ar,education german work,,,,,,",
	"mbe-a,mbe,MBE Nord,,Nordstraße 1,34127,Kassel,,,0561 111111,,,de ar uk tr,residence letters money,,,,,,2026-03-01",
	"jugendamt,service,Jugendamt,,,,Kassel,,,,,,de,family,,,,,,2026-09-20",
)

// seedYear loads the directory and a year of events, and binds a counsellor (reminded once)
// to MBE Nord.
func seedYear(t *testing.T, st *Store) []statstest.Event {
	t.Helper()
	ctx := context.Background()
	offices, err := directory.ReadCSV(strings.NewReader(reportDirectory))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportOffices(ctx, offices, false); err != nil {
		t.Fatal(err)
	}
	year := statstest.Year(2026)
	events := make([]Event, len(year))
	for i, e := range year {
		events[i] = Event{Day: e.Day, Kind: e.Kind, Conversation: e.Conversation, PersonKey: e.PersonKey, Dims: e.Dims}
	}
	record(t, st, events)
	code, err := staff.Invite(ctx, st, staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"mbe-a"}}, day("2026-06-01"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.RedeemInvitation(ctx, staff.HashCode(code), 42, "Beraterin", day("2026-06-01")); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ClaimReminders(ctx, day("2026-09-14"), 90*24*time.Hour, 7*24*time.Hour); err != nil {
		t.Fatal(err)
	}
	return year
}

// expect counts the seeded events of one kind in from..to by a dimension.
func expect(events []statstest.Event, kind dialog.EventKind, dim string, from, to time.Time) map[string]int {
	out := map[string]int{}
	for _, e := range events {
		if e.Kind == kind && !e.Day.Before(from) && !e.Day.After(to) {
			out[e.Dims[dim]]++
		}
	}
	return out
}

// A quarter of a seeded year: the report's totals, sections, campaign tags and supply
// against demand are what the events and the directory say, and the CSV adds up.
func TestQuarterReportOfASeededYear(t *testing.T) {
	st := newStore(t)
	year := seedYear(t, st)
	from, to := day("2026-07-01"), day("2026-09-30")
	d, err := st.ReportData(context.Background(), from, to, day("2026-10-05"))
	if err != nil {
		t.Fatal(err)
	}
	r := stats.Build(&d)
	started := expect(year, dialog.EventStarted, "lang", from, to)
	total := 0
	for _, n := range started {
		total += n
	}
	if int(r.Conversations) != total || total < 700 {
		t.Errorf("conversations %d, want %d", r.Conversations, total)
	}
	results := expect(year, dialog.EventResult, "lang", from, to)
	completed := 0
	for _, n := range results {
		completed += n
	}
	if int(r.Completed) != completed || stats.Rate(r.Completed, r.Conversations) == "–" {
		t.Errorf("completed %d, want %d", r.Completed, completed)
	}
	for _, it := range r.Section("language").Items {
		if int(it.Count) != results[it.Value] {
			t.Errorf("language %s: %d, want %d", it.Value, it.Count, results[it.Value])
		}
	}
	if len(r.Section("language").Items) != len(results) {
		t.Errorf("languages %d, want %d", len(r.Section("language").Items), len(results))
	}
	tags := expect(year, dialog.EventStarted, "tag", from, to)
	for _, it := range r.Section("campaign").Items {
		if int(it.Count) != tags[it.Value] || it.Value == "" {
			t.Errorf("campaign %q: %d, want %d", it.Value, it.Count, tags[it.Value])
		}
	}
	if len(r.Section("campaign").Items) != 2 {
		t.Errorf("campaigns %+v", r.Section("campaign").Items)
	}
	checkSupply(t, r, results)
	checkPeriodCSV(t, r, results)
}

// checkSupply: Dari is asked for and no office lists it; housing is listed by none, but every
// JMD and MBE office counsels on it; the stale entries
// say when they were confirmed and whether their reminders reach anyone.
func checkSupply(t *testing.T, r *stats.Report, results map[string]int) {
	t.Helper()
	demand := map[string]stats.Demand{}
	for _, d := range r.Supply.Languages {
		demand[d.Value] = d
	}
	if d := demand["fa-AF"]; int(d.Asked) != results["fa-AF"] || d.Offices != 0 || d.Asked < 5 {
		t.Errorf("Dari: %+v", d)
	}
	if d := demand["ar"]; d.Offices != 2 {
		t.Errorf("Arabic: %+v", d)
	}
	topics := map[string]int{}
	for _, d := range r.Supply.Topics {
		topics[d.Value] = d.Offices
	}
	// Both counselling offices counsel on every topic, whatever they list (directory.Offers);
	// the Jugendamt is named for family only, which no one asked for.
	if o, ok := topics["housing"]; !ok || o != 2 || topics["residence"] != 2 || topics["german"] != 2 || len(topics) < 5 {
		t.Errorf("offices per topic asked: %v", topics)
	}
	stale := r.Supply.Stale
	if len(stale) != 2 || stale[0].ID != "jmd-a" || stale[0].ConfirmedAt != nil || stale[0].Counsellors != 0 ||
		stale[1].ID != "mbe-a" || stale[1].Reminded == nil || stale[1].Counsellors != 1 {
		t.Errorf("stale = %+v", stale)
	}
}

// checkPeriodCSV: the period's CSV opens in a German spreadsheet and its counts add up: a
// number where the text shows one, an empty cell flagged where it shows "<5".
func checkPeriodCSV(t *testing.T, r *stats.Report, results map[string]int) {
	t.Helper()
	var buf bytes.Buffer
	if err := stats.WritePeriodCSV(&buf, r, func(x dialog.Text) string { return x.ID + x.Raw + x.Language }); err != nil {
		t.Fatal(err)
	}
	body, ok := strings.CutPrefix(buf.String(), "\uFEFF")
	if !ok {
		t.Fatal("no byte order mark")
	}
	cr := csv.NewReader(strings.NewReader(body))
	cr.Comma = ';'
	records, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(records[0], ";") != "from;to;dimension;value;label;count;suppressed;detail" {
		t.Fatalf("header %v", records[0])
	}
	seen := 0
	for _, rec := range records[1:] {
		if rec[0] != "2026-07-01" || rec[1] != "2026-09-30" {
			t.Errorf("period cells %v", rec)
		}
		if rec[2] != "language" {
			continue
		}
		seen++
		want := results[rec[3]]
		switch {
		case want >= 1 && want <= 4:
			if rec[5] != "" || rec[6] != "1" {
				t.Errorf("a small count is not suppressed: %v", rec)
			}
		default:
			if n, err := strconv.Atoi(rec[5]); err != nil || n != want || rec[6] != "0" {
				t.Errorf("%v: want %d", rec, want)
			}
		}
	}
	if seen != len(results) {
		t.Errorf("%d language rows, want %d", seen, len(results))
	}
}

// Point 13: a conversation is one started event, however many messages came before the
// language was chosen (the newcomer dialogue records one start for them), and the completion
// rate is completed conversations over conversations.
func TestOneConversationPerStart(t *testing.T) {
	st := newStore(t)
	var events []Event
	for i := range 6 {
		conv, person := fmt.Sprintf("c%d", i), fmt.Sprintf("p%d", i)
		e := func(kind dialog.EventKind, kv ...string) Event {
			dims := map[string]string{}
			for j := 0; j+1 < len(kv); j += 2 {
				dims[kv[j]] = kv[j+1]
			}
			return Event{Day: day("2026-11-02"), Kind: kind, Conversation: conv, PersonKey: person, Dims: dims}
		}
		// Four messages before the language: one start, then the language answered by typing.
		events = append(events, e(dialog.EventStarted, "lang", "en", "source", "direct"),
			e(dialog.EventAnswered, "step", "language", "how", "text"))
		if i < 5 {
			events = append(events, e(dialog.EventResult, "lang", "ar", "topic", "housing", "age_band", "27+", "place", "no"))
		}
	}
	record(t, st, events)
	d, err := st.ReportData(context.Background(), day("2026-11-01"), day("2026-11-30"), day("2026-12-01"))
	if err != nil {
		t.Fatal(err)
	}
	r := stats.Build(&d)
	if r.Conversations != 6 || r.Completed != 5 || stats.Rate(r.Completed, r.Conversations) != "83 %" {
		t.Errorf("conversations %d, completed %d, rate %s", r.Conversations, r.Completed, stats.Rate(r.Completed, r.Conversations))
	}
}

// A campaign tag is whatever followed /start, so it may be typed by hand (a name, a phone
// number): one that started fewer than 5 conversations in the period is not shown, not even as
// "<5"; one of a campaign is, with its days.
func TestRareCampaignTagsAreNotShown(t *testing.T) {
	st := newStore(t)
	var ev []Event
	for i := range 6 {
		ev = append(ev, Event{Day: day("2026-11-0" + fmt.Sprint(1+i%2)), Kind: dialog.EventStarted, Conversation: fmt.Sprintf("f%d", i),
			Dims: map[string]string{"lang": "ar", "source": "link", "tag": "flyer-rathaus"}})
	}
	ev = append(ev, Event{Day: day("2026-11-01"), Kind: dialog.EventStarted, Conversation: "typed",
		Dims: map[string]string{"lang": "ar", "source": "link", "tag": "zahra-01761234567"}})
	record(t, st, ev)
	d, err := st.ReportData(context.Background(), day("2026-11-01"), day("2026-11-02"), day("2026-11-03"))
	if err != nil {
		t.Fatal(err)
	}
	tags := map[string]int{}
	for _, r := range d.Campaigns {
		tags[r.Value] += int(r.Count)
	}
	if len(tags) != 1 || tags["flyer-rathaus"] != 6 {
		t.Errorf("campaign tags shown: %v, want flyer-rathaus (6) only", tags)
	}
}
