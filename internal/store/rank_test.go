package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/directory"
)

// nationalDirectory makes n offices spread over Germany's bounding box, with the variety
// matching ranks by: kinds, custom age ranges, languages, topics, full offices, offices
// not sure to counsel, offices without a position, offices responsible only for some places, archived ones. Names are unique ASCII, so that ordering by name is the
// same in PostgreSQL's collation and in Go.
func nationalDirectory(n int, seed uint64) []directory.Office {
	places := []string{"Kassel", "Baunatal", "Bad Emstal", "Vellmar"}
	r := rand.New(rand.NewPCG(seed, 1))
	langs := []string{"de", "ar", "fa-AF", "prs", "uk", "ru", "tr", "ku", "kmr", "en", "ti", "so", "ps", "ro", "pl"}
	var out []directory.Office
	for i := range n {
		kind := []directory.Kind{directory.KindMBE, directory.KindJMD, directory.KindService}[r.IntN(3)]
		o := directory.Office{ID: fmt.Sprintf("o-%04d", i), Kind: kind, Name: fmt.Sprintf("Office %04d", r.IntN(100000)*10000+i)}
		if r.IntN(10) > 0 {
			lat, lon := 47.3+r.Float64()*7.7, 5.9+r.Float64()*9.1
			o.Latitude, o.Longitude = &lat, &lon
		}
		for range r.IntN(4) {
			o.Languages = append(o.Languages, langs[r.IntN(len(langs))])
		}
		o.Languages = slices.Compact(o.Languages)
		for _, t := range directory.Topics {
			if r.IntN(4) == 0 {
				o.Topics = append(o.Topics, t)
			}
		}
		if r.IntN(8) == 0 {
			lo, hi := 10+r.IntN(10), 25+r.IntN(40)
			o.MinAge, o.MaxAge = &lo, &hi
		}
		if r.IntN(5) == 0 {
			accepting := r.IntN(2) == 0
			o.AcceptingNewClients = &accepting
		}
		if r.IntN(6) == 0 {
			for range 1 + r.IntN(3) {
				o.Serves = append(o.Serves, places[r.IntN(len(places))])
			}
			o.Serves = slices.Compact(o.Serves)
		}
		if r.IntN(7) == 0 {
			o.NoteKeys = []string{"role_unconfirmed"}
		}
		o.Archived = r.IntN(30) == 0
		out = append(out, o)
	}
	return out
}

// TestRankInMemoryEqualsTheSQLReference: the in-memory ranking names the same offices in the
// same order, with the same reasons and distances, as the SQL query, over a national
// directory and many queries.
func TestRankInMemoryEqualsTheSQLReference(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	offices := nationalDirectory(2000, 7)
	var active []directory.Office
	for _, o := range offices {
		if !o.Archived {
			active = append(active, o)
		}
	}
	if _, err := st.ImportOffices(ctx, active, false); err != nil {
		t.Fatal(err)
	}
	snap, err := st.DirectorySnapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(11, 2))
	for i := range 400 {
		q := directory.Query{Age: r.IntN(80), Topic: directory.Topics[r.IntN(len(directory.Topics))],
			Language: []string{"de", "ar", "fa-AF", "prs", "uk", "ku", "ti", "en"}[r.IntN(8)], Limit: 1 + r.IntN(5)}
		if r.IntN(3) > 0 {
			lat, lon := 47.3+r.Float64()*7.7, 5.9+r.Float64()*9.1
			q.Lat, q.Lon = &lat, &lon
		}
		q.Place = []string{"", "", "Kassel", "Baunatal", "Hamburg"}[r.IntN(5)]
		want, err := st.Match(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := snap.Match(ctx, q)
		if a, b := summary(want), summary(got); a != b {
			t.Fatalf("query %d %+v:\nSQL    %s\nmemory %s", i, q, a, b)
		}
	}
}

func summary(m directory.Matches) string {
	s := ""
	for _, list := range [][]directory.Match{m.Offices, m.Services} {
		for _, x := range list {
			d := "-"
			if x.DistanceKm != nil {
				d = fmt.Sprintf("%.6f", *x.DistanceKm)
			}
			s += fmt.Sprintf("%s%v@%s ", x.Office.ID, x.Reasons, d)
		}
		s += "| "
	}
	return s
}

// BenchmarkRankInMemory measures matching over a national directory of 2,000 offices from
// memory, as every turn does, and reports the 99th percentile of single queries.
func BenchmarkRankInMemory(b *testing.B) {
	snap := directory.NewSnapshot(nationalDirectory(2000, 7), 1)
	r := rand.New(rand.NewPCG(3, 4))
	ctx := context.Background()
	var times []time.Duration
	for b.Loop() {
		lat, lon := 47.3+r.Float64()*7.7, 5.9+r.Float64()*9.1
		q := directory.Query{Age: 18 + r.IntN(50), Topic: directory.Topics[r.IntN(len(directory.Topics))], Language: "ar", Lat: &lat, Lon: &lon}
		start := time.Now()
		_, _ = snap.Match(ctx, q)
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
}
