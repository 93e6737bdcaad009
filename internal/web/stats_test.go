package web_test

import (
	"context"
	"encoding/base64"
	"encoding/csv"
	"html"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/stats"
	"github.com/kassel/wegweiser/internal/testharness"
)

// converse walks n newcomers (chats from first on) through the bot's runner to a result:
// English, 27 or older, residence, no place.
func converse(t *testing.T, e *env, first int64, n int, lang string) {
	t.Helper()
	runner, _ := testharness.New(t, e.st)
	runner.Now = e.clock
	for chat := first; chat < first+int64(n); chat++ {
		for _, in := range []dialog.Input{
			{Kind: dialog.InputCommand, Text: "start", Arg: lang},
			{Kind: dialog.InputChoice, Choice: "age:27+"},
			{Kind: dialog.InputChoice, Choice: "topic:residence"},
			{Kind: dialog.InputChoice, Choice: "place:skip"},
		} {
			if _, _, err := runner.Handle(context.Background(), runner.Key(chat), 0, in, staff.Who{TelegramID: chat}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

var svgImage = regexp.MustCompile(`<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="([^"]+)">`)

// charts finds the SVG images of a page (attribute values unescaped, as a browser reads them).
func charts(body string) [][]string {
	return svgImage.FindAllStringSubmatch(html.UnescapeString(body), -1)
}

// TestDashboardShowsTheStatisticsFigures: the dashboard shows the figures of `wegweiser
// stats` (store.Figures, with "<5" for 1 to 4) for the period picked, with SVG charts of the
// activity over time, where people stopped, the languages and the topics.
func TestDashboardShowsTheStatisticsFigures(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	converse(t, e, 100, 6, "en")
	converse(t, e, 200, 2, "ar")
	b := e.signIn(t, e.member(t, 1, staff.RoleStatistics))
	status, body := b.get("/staff/stats?period=7d")
	if status != http.StatusOK {
		t.Fatalf("the dashboard answered %d:\n%s", status, body)
	}
	f, err := e.st.Figures(context.Background(), e.clock().AddDate(0, 0, -6), e.clock())
	if err != nil {
		t.Fatal(err)
	}
	if f.Conversations != 8 {
		t.Fatalf("the runner recorded %d conversations, want 8", f.Conversations)
	}
	for _, want := range []string{
		"<dt>Conversations</dt><dd>8</dd>", "<dt>Conversations with a result</dt><dd>8 <small>(" + stats.Rate(f.Completed, f.Conversations) + ")</small>",
		"<dt>Results shown</dt><dd>8</dd>", "<p class=\"note\">(counts results shown, 8 in all: a conversation may see several)</p>",
		"<p class=\"note\">(counts the conversations begun in the period, each once,",
		"<th scope=\"row\">English</th><td>x</td>", "<th scope=\"row\">Arabic</th><td>&lt;5</td>", "<th scope=\"row\">Residence",
		"<th scope=\"row\">MBE Nord</th>", "<th scope=\"row\">Result shown</th><td>8</td>", "19.11.2026 to 25.11.2026",
		`href="/staff/stats.csv?per=day&amp;period=7d"`,
		// The figures beside the breakdowns are named in the reader's language, not by key.
		"<td>Conversations by how they started</td><td>from a start link</td><td>8</td>",
		"<td>Results shown, by whether a place was given</td><td>without a place</td><td>8</td>",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the dashboard lacks %q", want)
		}
	}
	// "x" (English withheld beside Arabic's "<5") is explained once, in a footnote.
	if n := strings.Count(body, "x: not shown"); n != 1 || !strings.Contains(body, `<p class="note footnote" id="withheld">x: not shown`) {
		t.Errorf("the footnote on x is there %d times", n)
	}
	if _, empty := b.get("/staff/stats?from=2026-01-01&to=2026-01-31"); strings.Contains(empty, "x: not shown") {
		t.Error("a page without x explains x")
	}
	for _, key := range []string{"<code>", ">start<", ">direct<", ">place_given<", ">all<"} {
		if strings.Contains(body, key) {
			t.Errorf("the dashboard shows the machine key %q", key)
		}
	}
	if headings := regexp.MustCompile(`<h2 id="sec-[a-z_]+">([^<]*)</h2>`).FindAllStringSubmatch(body, -1); len(headings) == 0 {
		t.Error("the dashboard has no breakdown headings")
	} else {
		for _, h := range headings {
			if strings.HasSuffix(strings.TrimSpace(h[1]), ":") {
				t.Errorf("the heading %q ends with a colon", h[1])
			}
		}
	}
	found := charts(body)
	if len(found) != 4 {
		t.Fatalf("%d charts, want 4 (time, stops, languages, topics)", len(found))
	}
	for _, c := range found {
		svg, err := base64.StdEncoding.DecodeString(c[1])
		if err != nil || !strings.Contains(string(svg), "<svg") || !strings.Contains(string(svg), "</svg>") {
			t.Errorf("chart %q is not an SVG image", c[2])
		}
	}
	if svg, _ := base64.StdEncoding.DecodeString(found[2][1]); !strings.Contains(string(svg), "English") {
		t.Errorf("the languages chart does not name English")
	}
	if status, _ := b.get("/staff/stats?from=2026-01-01&to=2026-11-25&per=day"); status != http.StatusOK {
		t.Errorf("a year by day answered %d", status)
	}
	// A period that cannot be shown gives the dashboard again, with the dates asked for in
	// the form and why the last 30 days are shown instead, not an error page.
	for path, want := range map[string]string{
		"/staff/stats?from=2020-01-01&to=2026-11-25": "at most 1100 days",
		"/staff/stats?from=2026-11-25&to=2026-11-01": "“From” is after “To”",
	} {
		status, body := b.get(path)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, want) || !strings.Contains(body, `<form class="filters"`) ||
			!strings.Contains(body, `name="from" value="`+path[len("/staff/stats?from="):][:10]+`"`) || !strings.Contains(body, "Usage statistics") {
			t.Errorf("%s answered %d without the form and %q:\n%s", path, status, want, excerpt(body))
		}
	}
}

// TestDashboardGroupsByWeekAndMonth: days, weeks and months cut the period as the calendar
// does, and the table over time adds up to the period's conversations.
func TestDashboardGroupsByWeekAndMonth(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	converse(t, e, 100, 5, "de")
	e.advance(-9 * 24 * time.Hour)
	converse(t, e, 200, 6, "uk")
	e.advance(9 * 24 * time.Hour)
	b := e.signIn(t, e.member(t, 1, staff.RoleAdmin))
	_, body := b.get("/staff/stats?from=2026-11-01&to=2026-11-25&per=week")
	for _, want := range []string{"<th scope=\"row\">16.11.–22.11.</th><td>6</td>", "<th scope=\"row\">23.11.–25.11.</th><td>5</td>", "<th scope=\"row\">01.11.–01.11.</th><td>0</td>"} {
		if !strings.Contains(body, want) {
			t.Errorf("by week lacks %q", want)
		}
	}
	_, body = b.get("/staff/stats?from=2026-10-15&to=2026-11-25&per=month")
	if !strings.Contains(body, "<th scope=\"row\">11.2026</th><td>11</td>") || !strings.Contains(body, "<th scope=\"row\">10.2026</th><td>0</td>") {
		t.Errorf("by month is wrong:\n%s", body)
	}
	// A period not over yet (the quarter up to its end) says so, and up to when it counts.
	_, body = b.get("/staff/stats?from=2026-10-01&to=2026-12-31&per=month")
	if want := "01.10.2026 up to today, 25.11.2026 (the period is not over yet: it ends on 31.12.2026)"; !strings.Contains(body, want) {
		t.Errorf("a period not over lacks %q", want)
	}
}

// TestDashboardWithholdsPeoplePerDay: the people of the days add up to the period's people
// shown above them (always, in a closed month, where they are the days' sum): a day's "<5"
// takes the smallest other day's figure with it, as conversations do.
func TestDashboardWithholdsPeoplePerDay(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	converse(t, e, 100, 6, "de")
	e.advance(-24 * time.Hour)
	converse(t, e, 200, 2, "uk")
	e.advance(24 * time.Hour)
	b := e.signIn(t, e.member(t, 1, staff.RoleAdmin))
	_, body := b.get("/staff/stats?from=2026-11-24&to=2026-11-25&per=day")
	for _, want := range []string{"<th scope=\"row\">24.11.</th><td>&lt;5</td><td>&lt;5</td><td>&lt;5</td>", "<th scope=\"row\">25.11.</th><td>x</td><td>x</td><td>x</td>"} {
		if !strings.Contains(body, want) {
			t.Errorf("by day lacks %q:\n%s", want, body)
		}
	}
}

// TestStatsCSVOpensInASpreadsheet: the download is the CSV of the bot's /stats and the CLI
// (package stats), with a byte order mark, CRLF line ends and no cell a spreadsheet would run
// as a formula.
func TestStatsCSVOpensInASpreadsheet(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	converse(t, e, 100, 6, "en")
	b := e.signIn(t, e.member(t, 1, staff.RoleStatistics))
	status, body := b.get("/staff/stats.csv?period=7d")
	if status != http.StatusOK || b.lastHeader.Get("Content-Type") != "text/csv; charset=utf-8" ||
		!strings.Contains(b.lastHeader.Get("Content-Disposition"), `filename="wegweiser-2026-11-19-2026-11-25.csv"`) {
		t.Fatalf("the CSV answered %d with %v", status, b.lastHeader)
	}
	if !strings.HasPrefix(body, "\uFEFFfrom;to;dimension;value;label;count;suppressed;detail\r\n") ||
		!strings.Contains(body, "2026-11-19;2026-11-25;total;conversations;") {
		t.Errorf("CSV:\n%q", body)
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF")))
	r.Comma = ';'
	records, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(records, func(rec []string) bool { return rec[2] == "total" && rec[3] == "conversations" && rec[5] == "6" }) {
		t.Errorf("no row of 6 conversations: %q", records)
	}
	for _, rec := range records {
		for _, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q could run as a formula", cell)
			}
		}
	}
}

// TestDashboardShowsHandoversAndSupply: the dashboard says what the bot's /stats says beside
// the breakdowns: the requests to contact an office, by office name, and supply against demand.
func TestDashboardShowsHandoversAndSupply(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	converse(t, e, 100, 6, "en")
	var evs []dialog.Event
	for range 6 {
		evs = append(evs, dialog.Event{Kind: dialog.EventHandoverRequested, Dims: map[string]string{"office": "mbe-a", "lang": "en"}})
	}
	if err := e.st.AddEvents(context.Background(), e.now, evs); err != nil {
		t.Fatal(err)
	}
	b := e.signIn(t, e.member(t, 1, staff.RoleStatistics))
	_, body := b.get("/staff/stats?period=7d")
	text := html.UnescapeString(body)
	for _, want := range []string{"Requests to contact an office", "MBE Nord: 6 / 0 / 0 / 0", "Supply and demand"} {
		if !strings.Contains(text, want) {
			t.Errorf("the dashboard lacks %q", want)
		}
	}
	if strings.Contains(text, "<code>handover_requested</code>") {
		t.Error("the hand-overs are also listed by their keys")
	}
}
