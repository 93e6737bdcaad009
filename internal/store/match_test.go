package store

import (
	"context"
	"slices"
	"testing"

	"github.com/kassel/wegweiser/internal/directory"
)

// matchDirectory is the rows of the matching test's directory file.
var matchDirectory = []string{
	"jmd-far,jmd,JMD far,,,,,51.40,9.60,,,,de,,,,,,,",
	"jmd-arabic,jmd,JMD Arabic,,,,,51.40,9.60,,,,de ar,,,,,,,",
	"jmd-near,jmd,JMD near,,,,,51.315,9.49,,,,de,,,,,,,",
	"mbe-dari,mbe,MBE Dari,,,,,,,,,,de prs,,,,,,,",
	"mbe-letters,mbe,MBE letters,,,,,,,,,,de,letters,,,,,,",
	"mbe-full,mbe,MBE full,,,,,,,,,,de fa ar,letters,,,,,false,",
	"abh,service,Ausländerbehörde,,,,,,,,,,,residence,,,,,,",
	"jugendamt,service,Jugendamt,,,,,,,,,,,family education,,,,,,",
	"youth-only,service,Youth service,,,,,,,,,,,residence,12,26,,,,",
}

func ids(ms []directory.Match) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Office.ID
	}
	return out
}

func TestMatch(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	if _, err := st.ImportOffices(ctx, readOffices(t, matchDirectory...), false); err != nil {
		t.Fatal(err)
	}
	kassel := func() (*float64, *float64) { lat, lon := 51.3127, 9.4797; return &lat, &lon }
	lat, lon := kassel()
	cases := []struct {
		name         string
		q            directory.Query
		offices      []string
		services     []string
		firstReasons []directory.Reason
	}{
		{"age 11 has no service of its own", directory.Query{Age: 11, Topic: "family", Language: "de"},
			[]string{}, []string{"jugendamt"}, nil},
		{"age 12 goes to JMD", directory.Query{Age: 12, Topic: "residence", Language: "de"},
			[]string{"jmd-arabic", "jmd-far", "jmd-near"}, []string{"abh", "youth-only"}, []directory.Reason{"service", "language"}},
		{"age 26 goes to JMD, Arabic speakers first", directory.Query{Age: 26, Topic: "residence", Language: "ar"},
			[]string{"jmd-arabic", "jmd-far", "jmd-near"}, []string{"abh", "youth-only"}, []directory.Reason{"service", "language"}},
		{"age 27 goes to MBE; the full office ranks last", directory.Query{Age: 27, Topic: "residence", Language: "de"},
			[]string{"mbe-dari", "mbe-letters", "mbe-full"}, []string{"abh"}, []directory.Reason{"service", "language"}},
		{"Dari speakers reach the office listing prs", directory.Query{Age: 40, Topic: "residence", Language: "fa-AF"},
			[]string{"mbe-dari", "mbe-letters", "mbe-full"}, []string{"abh"}, []directory.Reason{"service", "language"}},
		{"topic ranks after language", directory.Query{Age: 40, Topic: "letters", Language: "de"},
			[]string{"mbe-letters", "mbe-dari", "mbe-full"}, []string{}, []directory.Reason{"service", "language", "topic"}},
		{"distance breaks the tie", directory.Query{Age: 20, Topic: "work", Language: "de", Lat: lat, Lon: lon},
			[]string{"jmd-near", "jmd-arabic", "jmd-far"}, []string{}, []directory.Reason{"service", "language"}},
		{"MBE as second option for an under-27 with housing", directory.Query{Age: 20, Topic: "housing", Language: "ar", Limit: 5},
			[]string{"jmd-arabic", "jmd-far", "jmd-near", "mbe-dari", "mbe-letters"}, []string{}, []directory.Reason{"service", "language"}},
		{"no MBE for a minor with housing", directory.Query{Age: 16, Topic: "housing", Language: "ar", Limit: 5},
			[]string{"jmd-arabic", "jmd-far", "jmd-near"}, []string{}, []directory.Reason{"service", "language"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := st.Match(ctx, c.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(m.Offices); !slices.Equal(got, c.offices) {
				t.Errorf("offices = %v, want %v", got, c.offices)
			}
			if got := ids(m.Services); !slices.Equal(got, c.services) {
				t.Errorf("services = %v, want %v", got, c.services)
			}
			if len(m.Offices) > 0 && !slices.Equal(m.Offices[0].Reasons, c.firstReasons) {
				t.Errorf("first office's reasons = %v, want %v", m.Offices[0].Reasons, c.firstReasons)
			}
		})
	}

	m, _ := st.Match(ctx, directory.Query{Age: 20, Topic: "housing", Language: "de", Limit: 5})
	if last := m.Offices[len(m.Offices)-1]; !last.Has(directory.ReasonAdultTopic) || last.Has(directory.ReasonService) {
		t.Errorf("MBE exception office reasons = %v", last.Reasons)
	}
	m, _ = st.Match(ctx, directory.Query{Age: 30, Topic: "letters", Language: "de", Lat: lat, Lon: lon})
	if full := m.Offices[len(m.Offices)-1]; full.Office.ID != "mbe-full" || !full.Has(directory.ReasonNotAccepting) || full.DistanceKm != nil {
		t.Errorf("full office = %+v", full)
	}
	m, _ = st.Match(ctx, directory.Query{Age: 20, Topic: "work", Language: "de", Lat: lat, Lon: lon})
	if d := m.Offices[0].DistanceKm; d == nil || *d < 0.5 || *d > 1.5 {
		t.Errorf("distance to jmd-near = %v km, want about 0.7", d)
	}
}
