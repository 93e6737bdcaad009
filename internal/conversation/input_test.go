package conversation_test

import (
	"slices"
	"testing"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

func TestNormalizeDigits(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"western unchanged", "0561 1234", "0561 1234"},
		{"eastern arabic", "٠١٢٣٤٥٦٧٨٩", "0123456789"},
		{"persian", "۰۱۲۳۴۵۶۷۸۹", "0123456789"},
		{"arabic comma", "٥١.٣، ٩.٥", "51.3, 9.5"},
		{"letters kept", "Tel. ٠٥٦١ / ١٢٣", "Tel. 0561 / 123"},
		{"arabic decimal separator", "٣٤٫٥", "34.5"},
		{"empty", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := conversation.NormalizeDigits(c.in); got != c.want {
				t.Errorf("NormalizeDigits(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

// hours returns the opening hours line of an office with these hours, written by flat, and
// whether there is one.
func hours(t *testing.T, value string) (string, bool) {
	t.Helper()
	for _, l := range conversation.OfficeLines(directory.Match{Office: directory.Office{Name: "X", OpeningHours: value}}, 1, true) {
		if l.ID == "office.hours" {
			h, ok := l.Data["Hours"].(dialog.Text)
			if !ok {
				t.Fatalf("hours data %#v", l.Data["Hours"])
			}
			return flat(h), true
		}
	}
	return "", false
}

func TestOpeningHours(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"weekdays as a range", "Mo-Fr 09:00-12:00", "{day.mo}–{day.fr} 09:00–12:00"},
		{"two days are no range", "Mo,Tu 09:00-12:00", "{day.mo}, {day.tu} 09:00–12:00"},
		{"three listed days become a range", "Mo,Tu,We 09:00-10:00", "{day.mo}–{day.we} 09:00–10:00"},
		{"single days", "Mo,We,Fr 10:00-11:00", "{day.mo}, {day.we}, {day.fr} 10:00–11:00"},
		{"range and a day, two spans", "Mo-We,Fr 09:00-12:00,13:00-15:30", "{day.mo}–{day.we}, {day.fr} 09:00–12:00, 13:00–15:30"},
		{"range over the weekend", "Sa-Mo 10:00-11:00", "{day.sa}–{day.mo} 10:00–11:00"},
		{"whole week", "Mo-Su 08:00-20:00", "{day.mo}–{day.su} 08:00–20:00"},
		{"closed day", "Mo-Fr 09:00-12:00; Sa off", "{day.mo}–{day.fr} 09:00–12:00\n{day.sa} {hours.closed}"},
		{"until midnight", "Su 10:00-24:00", "{day.su} 10:00–24:00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := hours(t, c.in)
			if !ok || got != c.want {
				t.Errorf("hours(%q) = %q, %v; want %q", c.in, got, ok, c.want)
			}
		})
	}
	for _, in := range []string{"", "Mo 9-12", "Mo-Fr 09:00-12:00;", "Xy 09:00-12:00"} {
		t.Run("no line for "+in, func(t *testing.T) {
			if got, ok := hours(t, in); ok {
				t.Errorf("hours(%q) = %q, want no line", in, got)
			}
		})
	}
}

func TestOfficeLines(t *testing.T) {
	full := offices()[0] // jmd-kassel: every field
	km := 2.345
	cases := []struct {
		name     string
		match    directory.Match
		numbered bool
		want     []string // ids of the lines; the unnumbered title has none
		check    func(t *testing.T, lines []dialog.Text)
	}{
		{
			name:  "every field",
			match: directory.Match{Office: full, Reasons: []directory.Reason{directory.ReasonService}, DistanceKm: &km}, numbered: true,
			want: []string{
				"office.title", "office.kind.jmd", "office.provider", "office.address", "office.distance", "office.phone",
				"office.email", "office.website", "office.hours", "office.languages", "office.confirmed",
			},
			check: func(t *testing.T, lines []dialog.Text) {
				for i, want := range map[int]string{
					3: "Königsplatz 1, 34117 Kassel", 4: "2.3", 5: "+49 561 1234", 9: "<de>, <ar>", 10: "01.03.2025",
				} {
					for _, v := range lines[i].Data {
						if got := flat(v.(dialog.Text)); got != want {
							t.Errorf("line %s: %q, want %q", lines[i].ID, got, want)
						}
					}
				}
				if lines[0].Data["Number"] != 1 {
					t.Errorf("title %+v", lines[0])
				}
			},
		},
		{
			name: "unnumbered, nothing but a name", match: directory.Match{Office: directory.Office{Name: "Amt", Kind: directory.KindService}},
			want: []string{"office.reach_unknown"},
			check: func(t *testing.T, lines []dialog.Text) {
				if lines[0].Raw != "Amt" {
					t.Errorf("title %+v", lines[0])
				}
			},
		},
		{
			name: "a service for some places", match: directory.Match{Office: directory.Office{Name: "Jobcenter", Kind: directory.KindService, Phone: "0561 1",
				Serves: []string{"Baunatal", "Vellmar", "Hofgeismar", "Lohfelden"}}},
			want: []string{"office.phone", "office.serves", "office.unconfirmed"},
			check: func(t *testing.T, lines []dialog.Text) {
				places := lines[2].Data["Places"].(dialog.Text)
				if len(places.Parts) != 4 || places.Parts[0].Raw != "Baunatal" || places.Parts[3].ID != "office.serves_more" {
					t.Errorf("places %+v, want the first three and serves_more", places)
				}
			},
		},
		{
			name: "a service with a note only", match: directory.Match{Office: directory.Office{Name: "Amt", Kind: directory.KindService, Note: "Seit 2018 im Rathaus"}},
			want: []string{"office.note_sources", "office.unconfirmed_no_phone"},
		},
		{
			name: "a service with a website only", match: directory.Match{Office: directory.Office{Name: "Amt", Kind: directory.KindService, City: "Kassel", Website: "https://amt.example"}},
			want: []string{"office.address", "office.website", "office.unconfirmed_no_phone"},
		},
		{
			name:  "MBE as an exception, full, with a note",
			match: directory.Match{Office: directory.Office{Name: "MBE", Kind: directory.KindMBE, Note: "Bitte anrufen"}, Reasons: []directory.Reason{directory.ReasonAdultTopic, directory.ReasonNotAccepting}}, numbered: true,
			want: []string{"office.title", "office.kind.mbe_exception", "office.note_sources", "office.not_accepting", "office.unconfirmed_no_phone"},
		},
		{
			name:  "MBE, provider named like the office, city only",
			match: directory.Match{Office: directory.Office{Name: "MBE", Provider: "MBE", Kind: directory.KindMBE, City: "Kassel"}}, numbered: true,
			want: []string{"office.title", "office.kind.mbe", "office.address", "office.unconfirmed_no_phone"},
			check: func(t *testing.T, lines []dialog.Text) {
				if got := flat(lines[2].Data["Address"].(dialog.Text)); got != "Kassel" {
					t.Errorf("address %q", got)
				}
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lines := conversation.OfficeLines(c.match, 1, c.numbered)
			if got := lineIDs(dialog.Message{Lines: lines}); !slices.Equal(got, c.want) {
				t.Fatalf("lines %q\nwant  %q", got, c.want)
			}
			if c.check != nil {
				c.check(t, lines)
			}
		})
	}
}
