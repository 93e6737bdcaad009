// Package synth makes synthetic directories for tests, benchmarks and load trials: JMD, MBE
// and add-on service offices at real postcode centres all over Germany, so that matching and
// postcode ranking run at national scale. The same seed gives the same directory. Every entry
// says it is synthetic; none is a real office.
package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/postcode"
)

// MaxOffices bounds a generated directory.
const MaxOffices = 50000

// Note is the note of every synthetic entry.
const Note = "Synthetischer Eintrag für Tests und Benchmarks, keine echte Beratungsstelle."

// Offices generates n offices from the embedded postcode table (see Generate).
func Offices(n int, seed uint64) ([]directory.Office, error) {
	t, err := postcode.Load()
	if err != nil {
		return nil, err
	}
	return Generate(t, n, seed)
}

// Generate places n offices at the centres of postcodes of t, each postcode at most once
// while there are enough of them, chosen evenly over the table (so the offices spread over
// Germany as its postcodes do): about 45 % MBE, 40 % JMD and 15 % add-on services, with
// languages, topics, opening hours, capacity and confirmation dates varied. Every office passes
// the directory file's validation.
func Generate(t *postcode.Table, n int, seed uint64) ([]directory.Office, error) {
	if n < 1 || n > MaxOffices {
		return nil, fmt.Errorf("synth: %d offices: choose 1 to %d", n, MaxOffices)
	}
	entries := t.Entries()
	if len(entries) == 0 {
		return nil, fmt.Errorf("synth: the postcode table is empty")
	}
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	order := r.Perm(len(entries))
	offices := make([]directory.Office, n)
	for i := range offices {
		e := entries[order[i%len(order)]]
		offices[i] = office(r, i, e)
	}
	return offices, nil
}

// office makes the i-th office, at postcode e.
func office(r *rand.Rand, i int, e postcode.Entry) directory.Office {
	lat, lon := e.Lat, e.Lon
	o := directory.Office{Postcode: e.Code, City: e.Place, Latitude: &lat, Longitude: &lon, Note: Note}
	switch k := r.IntN(20); {
	case k < 9:
		o.Kind, o.Name = directory.KindMBE, "Migrationsberatung für erwachsene Zugewanderte (MBE) "+e.Place
	case k < 17:
		o.Kind, o.Name = directory.KindJMD, "Jugendmigrationsdienst "+e.Place
	default:
		svc := services[r.IntN(len(services))]
		o.Kind, o.Name, o.Topics = directory.KindService, svc.name+" "+e.Place, svc.topics
	}
	o.ID = fmt.Sprintf("synth-%s-%05d", o.Kind, i+1)
	o.Provider = fmt.Sprintf("Synthetischer Träger %d", 1+r.IntN(40))
	o.Email = o.ID + "@example.org"
	o.Website = "https://example.org/" + o.ID
	o.Languages = languagesOf(r)
	if o.Kind != directory.KindService {
		o.Topics = topicsOf(r)
	}
	o.OpeningHours = hours[r.IntN(len(hours))]
	switch k := r.IntN(10); {
	case k == 0:
		o.AcceptingNewClients = ptr(false)
	case k < 4:
		o.AcceptingNewClients = ptr(true)
	}
	if r.IntN(2) == 0 {
		d := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(540))
		o.ConfirmedAt = &d
	}
	return o
}

var services = []struct {
	name   string
	topics []directory.Topic
}{
	{"Ausländerbehörde", []directory.Topic{"residence", "family_reunion"}},
	{"Jobcenter", []directory.Topic{"work", "money"}},
	{"Jugendamt", []directory.Topic{"family", "education"}},
	{"Anerkennungsberatung", []directory.Topic{"recognition"}},
	{"Antidiskriminierungsberatung", []directory.Topic{"discrimination"}},
	{"Asylverfahrensberatung", []directory.Topic{"asylum"}},
}

// extraLanguages are the languages an office may offer besides German.
var extraLanguages = []string{"en", "ar", "uk", "ru", "tr", "fa-AF", "ku", "ro", "bg", "so", "pl", "ps", "ti", "fr", "it", "es"}

var hours = []string{
	"",
	"",
	"Mo-Fr 09:00-12:00",
	"Mo,Tu,Th 09:00-12:00; We 14:00-17:00",
	"Mo-Th 09:00-12:00,13:00-15:30; Fr 09:00-12:00",
	"Tu,Th 10:00-16:00",
}

func languagesOf(r *rand.Rand) []string {
	langs := []string{"de"}
	for _, i := range r.Perm(len(extraLanguages))[:r.IntN(4)] {
		langs = append(langs, extraLanguages[i])
	}
	return langs
}

// topicsOf picks 3 to 7 topics, in the directory's order.
func topicsOf(r *rand.Rand) []directory.Topic {
	picked := r.Perm(len(directory.Topics))[:3+r.IntN(5)]
	slices.Sort(picked)
	out := make([]directory.Topic, len(picked))
	for i, p := range picked {
		out[i] = directory.Topics[p]
	}
	return out
}

func ptr[T any](v T) *T { return &v }
