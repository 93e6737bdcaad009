package stats

import (
	"bytes"
	"image/png"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/locales"
)

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// quarterData is a quarter's figures: 92 days of conversations, results in four languages
// (Dari seven times, Bulgarian twice), an office whose name a spreadsheet would read as a
// formula, campaign tags and a directory without Dari (two counselling offices, an add-on
// service for housing and an archived one).
func quarterData() *Data {
	d := &Data{Figures: Figures{From: day("2026-07-01"), To: day("2026-09-30"), People: 150, Conversations: 184, Completed: 120,
		DropOff: map[string]Count{"started": 20, "age": 30, "topic": 12, "result": 120}}}
	for i := range 92 {
		dd := d.From.AddDate(0, 0, i)
		d.Rows = append(d.Rows, Row{Day: dd, Dimension: "conversations", Value: "all", Count: 2})
		if i%3 == 0 {
			d.Rows = append(d.Rows, Row{Day: dd, Dimension: "completed", Value: "all", Count: 4})
		}
	}
	add := func(dim, value string, n int, days ...string) {
		for _, s := range days {
			d.Rows = append(d.Rows, Row{Day: day(s), Dimension: dim, Value: value, Count: Count(n)})
		}
	}
	add("results", "all", 65, "2026-07-02", "2026-08-03")
	add("language", "ar", 30, "2026-07-02", "2026-08-03")
	add("language", "fa-AF", 7, "2026-07-05")
	add("language", "bg", 2, "2026-07-06")
	add("topic", "housing", 9, "2026-07-07")
	add("age_band", "27+", 20, "2026-07-08")
	add("office", "mbe-x", 12, "2026-07-09")
	add("feedback", "no", 6, "2026-07-10")
	d.Campaigns = []Row{{Day: day("2026-07-11"), Dimension: "campaign", Value: "flyer-rathaus", Count: 23}}
	confirmed, asOf := day("2026-01-10"), day("2026-10-01")
	d.Supply = Supply{AsOf: day("2026-10-01"), Offices: []OfficeSupply{
		{ID: "mbe-x", Name: "=MBE Nord", Kind: "mbe", LanguageKeys: []string{"de", "ar"}, Topics: []string{"residence"}, ConfirmedAt: &confirmed, Counsellors: 1},
		{ID: "jmd-y", Name: "JMD Mitte", Kind: "jmd", LanguageKeys: []string{"de", "ar", "bg"}},
		{ID: "svc-h", Name: "Mieterverein", Kind: "service", Topics: []string{"housing"}, ConfirmedAt: &asOf},
		{ID: "svc-a", Name: "Alter Mieterverein", Kind: "service", Archived: true, Topics: []string{"housing"}},
	}}
	return d
}

// shipped is the shipped catalogs, loaded once for the tests that read them (a load takes
// seconds under the race detector).
var shipped = sync.OnceValues(func() (*i18n.Catalog, error) { return i18n.Load(locales.FS) })

func german(t *testing.T) Render {
	t.Helper()
	cat, err := shipped()
	if err != nil {
		t.Fatal(err)
	}
	return func(x dialog.Text) string { return cat.Render("de", x) }
}

// The text names every value in the reader's language, always shows the sections that must
// be seen (zero included), and says supply against demand.
func TestReportText(t *testing.T) {
	say := german(t)
	r := Build(quarterData())
	var lines []string
	for _, l := range Text(r) {
		lines = append(lines, say(l))
	}
	text := strings.Join(lines, "\n")
	for _, want := range []string{
		"Nutzung von Wegweiser vom 01.07.2026 bis 30.09.2026",
		"Gespräche: 184", "Gespräche mit Ergebnis: 120 (65 %)",
		// The results shown are a total of their own, which the breakdowns by language,
		// topic and age band say they count.
		"Gezeigte Ergebnisse: 130 (ein Gespräch kann mehrere sehen",
		"Nach Sprache:\n  (zählt gezeigte Ergebnisse, 130 insgesamt: ein Gespräch kann mehrere sehen)\n  Arabisch: 60",
		"Genannte Beratungsstellen:\n  (zählt, wie oft jede in einem gezeigten Ergebnis genannt wurde",
		"Wo Personen aufgehört haben (zuletzt beantwortete Frage):\n  (zählt die im Zeitraum begonnenen Gespräche",
		"  vor der Sprachwahl: 20", "  nach dem Ort: 0",
		// Bulgarian's <5 and the total would give it: the smallest other, Dari, is withheld.
		"  Arabisch: 60\n  Dari: x\n  Bulgarisch: <5",
		"  Wohnen: 9", "  27 oder älter: 20", "  =MBE Nord: 12",
		"Keine passende Beratungsstelle gefunden (Thema, Sprache):\n  keine: 0",
		"In eigenen Worten getippte Anliegen ohne erkanntes Thema (nach Sprache):\n  keine: 0",
		"Hat es geholfen?\n  Ja, hat geholfen: 0\n  Nein: 6",
		"  Keine passende Stelle: 0\n  Telefon oder Kontakt klappte nicht: 0\n  Sprache nicht angeboten: 0\n  Etwas anderes: 0",
		"  flyer-rathaus: 23",
		"Angebot und Nachfrage (Verzeichnis, Stand 01.10.2026):",
		"  Arabisch: 60 Anfragen, 2 Stellen", "  Dari: x Anfragen, 0 Stellen ⚠️", "  Bulgarisch: <5 Anfragen, 1 Stelle",
		// Both counselling offices (they counsel on every topic, whatever they list) and the
		// add-on service listing it, not the archived one.
		"  Wohnen: 9 Anfragen, 3 Stellen\n",
		"  JMD Mitte: nie bestätigt; keine Beratungsfachkraft verknüpft",
		"  =MBE Nord: zuletzt bestätigt am 10.01.2026; noch nicht erinnert",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
}

// The period's CSV: BOM, ";", one row per dimension and value with numbers, small counts
// empty and flagged, formulas neutralised; the daily CSV likewise per day.
func TestReportCSV(t *testing.T) {
	say := german(t)
	r := Build(quarterData())
	var buf bytes.Buffer
	if err := WritePeriodCSV(&buf, r, say); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\uFEFFfrom;to;dimension;value;label;count;suppressed;detail\r\n") {
		t.Fatalf("CSV starts %q", out[:min(len(out), 80)])
	}
	for _, want := range []string{
		"2026-07-01;2026-09-30;total;conversations;Gespräche;184;0;\r\n",
		"2026-07-01;2026-09-30;language;ar;Arabisch;60;0;\r\n",
		"2026-07-01;2026-09-30;language;bg;Bulgarisch;;1;\r\n",
		"2026-07-01;2026-09-30;office;mbe-x;'=MBE Nord;12;0;\r\n",
		"2026-07-01;2026-09-30;feedback_reason;phone;Telefon oder Kontakt klappte nicht;0;0;\r\n",
		"2026-07-01;2026-09-30;offices_language;fa-AF;Dari;0;0;\r\n",
		"2026-07-01;2026-09-30;stale_days;jmd-y;JMD Mitte;;0;nie bestätigt · keine Beratungsfachkraft verknüpft, keine Erinnerung kommt an\r\n",
		"2026-07-01;2026-09-30;stale_days;mbe-x;'=MBE Nord;264;0;zuletzt bestätigt am 10.01.2026 · noch nicht erinnert\r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("period CSV lacks %q", want)
		}
	}
	buf.Reset()
	if err := WriteDailyCSV(&buf, r, say); err != nil {
		t.Fatal(err)
	}
	records := readCSV(t, &buf)
	if len(records) != 1+len(r.days) || strings.Join(records[1], ";") != "2026-07-01;conversations;all;Gespräche;;1" {
		t.Errorf("daily CSV: %d rows, first %v", len(records), records[1])
	}
}

// The chart has three panels with names in the reader's language; an empty period has none.
func TestReportChart(t *testing.T) {
	say := german(t)
	img, err := Chart(Build(quarterData()), say)
	if err != nil {
		t.Fatal(err)
	}
	pic, err := png.Decode(bytes.NewReader(img))
	if err != nil || pic.Bounds().Dx() < 800 {
		t.Fatalf("chart: %v", err)
	}
	empty := &Data{Figures: Figures{From: day("2026-07-01"), To: day("2026-09-30")}}
	if img, err := Chart(Build(empty), say); img != nil || err != nil {
		t.Errorf("an empty period has a chart (%d bytes, %v)", len(img), err)
	}
	if v, names, weekly := buckets(Build(quarterData()), "conversations"); !weekly || len(v) != 14 || v[0] != 14 || v[13] != 2 || names[1] != "08.07." {
		t.Errorf("a quarter is drawn per week: %v %v %v", v, names, weekly)
	}
}

func TestParseRange(t *testing.T) {
	cases := map[string]string{
		"Q3 2026": "2026-07-01..2026-09-30", "q4/2026": "2026-10-01..2026-12-31", "2026-Q1": "2026-01-01..2026-03-31",
		"3. Quartal 2026": "2026-07-01..2026-09-30", "01.07.2026 - 30.09.2026": "2026-07-01..2026-09-30",
		"1.7.-30.9.2026": "2026-07-01..2026-09-30", "2026-07-01 2026-09-30": "2026-07-01..2026-09-30",
		"vom 15.11.26 bis 20.11.26": "2026-11-15..2026-11-20",
	}
	for in, want := range cases {
		from, to, ok := ParseRange(in)
		if got := from.Format(time.DateOnly) + ".." + to.Format(time.DateOnly); !ok || got != want {
			t.Errorf("ParseRange(%q) = %s, %v; want %s", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "Q5 2026", "30.09.2026 - 01.07.2026", "01.01.2020 - 01.01.2026", "31.02.2026 - 01.03.2026", "letztes Jahr"} {
		if _, _, ok := ParseRange(bad); ok {
			t.Errorf("ParseRange(%q) accepted", bad)
		}
	}
	from, to, ok := Period("last_quarter", day("2026-11-15"))
	if !ok || from != day("2026-07-01") || to != day("2026-09-30") {
		t.Errorf("last quarter = %s..%s", from, to)
	}
}

// A period not over on the day of the report (a quarter typed while it runs) says so: its
// figures reach up to today, and the end of the period is named.
func TestOngoingPeriodSaysSo(t *testing.T) {
	say := german(t)
	d := quarterData()
	d.From, d.To, d.Supply.AsOf = day("2026-10-01"), day("2026-12-31"), day("2026-12-06")
	r := Build(d)
	want := "Nutzung von Wegweiser vom 01.10.2026 bis heute, 06.12.2026: Der Zeitraum ist noch nicht vorbei, er endet am 31.12.2026"
	if got := say(Text(r)[0]); !r.Ongoing() || got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	d.Supply.AsOf = day("2026-12-31")
	if got := say(Build(d).Title()); got != "Nutzung von Wegweiser vom 01.10.2026 bis 31.12.2026" {
		t.Errorf("a period ending today: %q", got)
	}
}

// The figures beside the sections are named by what they count and their values in the
// reader's language, in the report and both CSV files (whose dimension and value stay keys):
// no machine key reaches staff as a label.
func TestFiguresBesideTheSectionsAreLabelled(t *testing.T) {
	say := german(t)
	d := quarterData()
	for _, r := range []Row{
		{Day: day("2026-07-03"), Dimension: "erased", Value: "all", Count: 191},
		{Day: day("2026-07-03"), Dimension: "start", Value: "direct", Count: 194},
		{Day: day("2026-07-03"), Dimension: "start", Value: "link", Count: 30},
		{Day: day("2026-07-03"), Dimension: "place_given", Value: "no", Count: 3},
		{Day: day("2026-07-03"), Dimension: "place_given", Value: "yes", Count: 36},
		{Day: day("2026-07-03"), Dimension: "office_edited", Value: "hours", Count: 2},
		{Day: day("2026-07-03"), Dimension: "office_edited", Value: "min_age", Count: 7},
		{Day: day("2026-07-03"), Dimension: "staff_joined", Value: "counsellor", Count: 6},
		{Day: day("2026-07-03"), Dimension: "handover_declined_reason", Value: "wrong_office", Count: 8},
	} {
		d.Rows = append(d.Rows, r)
	}
	r := Build(d)
	var got []string
	for _, s := range r.More {
		for _, it := range s.Items {
			got = append(got, say(s.Title)+" | "+say(it.Label)+" | "+it.Count.String())
		}
	}
	text := strings.Join(got, "\n")
	for _, want := range []string{
		"Gespräche nach Beginn | im Bot, ohne Link | 194", "Gespräche nach Beginn | über einen Start-Link | 30",
		"Daten mit /delete gelöscht | insgesamt | 191",
		// The "<5" of no place given takes the other with it: their total is the results.
		"Gezeigte Ergebnisse nach Ortsangabe | mit Ort oder Postleitzahl | x", "Gezeigte Ergebnisse nach Ortsangabe | ohne Ort | <5",
		"Geänderte Angaben im Verzeichnis (nach Feld) | Öffnungszeiten | <5",
		"Geänderte Angaben im Verzeichnis (nach Feld) | " + say(dialog.T("staff.column.min_age")) + " | x",
		"Neue Konten von Mitarbeitenden (nach Rolle) | Beratungsfachkraft | 6",
		"Abgelehnte Kontaktanfragen (nach Grund) | andere Stelle passt besser | 8",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the figures lack %q:\n%s", want, text)
		}
	}
	var buf bytes.Buffer
	if err := WritePeriodCSV(&buf, r, say); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"2026-07-01;2026-09-30;erased;all;Daten mit /delete gelöscht;191;0;\r\n",
		"2026-07-01;2026-09-30;start;direct;Gespräche nach Beginn: im Bot, ohne Link;194;0;\r\n",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the period CSV lacks %q", want)
		}
	}
	buf.Reset()
	if err := WriteDailyCSV(&buf, r, say); err != nil {
		t.Fatal(err)
	}
	for _, rec := range readCSV(t, &buf)[1:] {
		if rec[3] == rec[2] && rec[1] != "campaign" {
			t.Errorf("the daily CSV labels %s %q by its key", rec[1], rec[2])
		}
	}
}

// "x" is explained once, under the text, where the text shows one: in a section, the
// hand-overs or supply against demand; without one the footnote is not said.
func TestWithheldFootnote(t *testing.T) {
	say := german(t)
	footnote := say(dialog.T("stats.withheld"))
	count := func(r *Report) int {
		n := 0
		for _, l := range Text(r) {
			if say(l) == footnote {
				n++
			}
		}
		return n
	}
	if n := count(Build(quarterData())); n != 1 {
		t.Errorf("a report with x says its footnote %d times", n)
	}
	plain := &Data{Figures: Figures{From: day("2026-07-01"), To: day("2026-07-31"), Conversations: 40, Rows: []Row{
		{Day: day("2026-07-02"), Dimension: "language", Value: "ar", Count: 30},
		{Day: day("2026-07-02"), Dimension: "language", Value: "de", Count: 10},
	}}}
	if r := Build(plain); count(r) != 0 || r.Withheld() {
		t.Error("a report without x explains x")
	}
	// Only a hand-over outcome is withheld (taken beside a declined "<5").
	plain.Rows = append(plain.Rows, handoversOfOneDay(day("2026-07-03"))...)
	r := Build(plain)
	for _, s := range r.Sections {
		for _, it := range s.Items {
			if it.Count == Withheld {
				t.Fatalf("the test's sections withhold %s %s", s.Key, it.Value)
			}
		}
	}
	if count(r) != 1 || !r.Withheld() {
		t.Errorf("x among the hand-overs is not explained: %d", count(r))
	}
}
