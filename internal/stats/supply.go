package stats

import (
	"slices"
	"sort"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// Supply against demand: what newcomers asked for in a period against what the directory
// offers, and the entries that have grown old.

// StaleAfter is when an entry counts as stale: its confirmation is older (or missing).
const StaleAfter = 90 * 24 * time.Hour

// Supply is the directory as it stood on AsOf.
type Supply struct {
	AsOf    time.Time
	Offices []OfficeSupply
}

// OfficeSupply is what supply against demand needs of one office.
type OfficeSupply struct {
	ID, Name     string
	Kind         directory.Kind
	Archived     bool
	LanguageKeys []string // the matching keys of its languages (directory.LanguageKey)
	Topics       []string
	ConfirmedAt  *time.Time
	Reminded     *time.Time // the last reminder sent to its counsellors
	Counsellors  int        // active counsellors bound to it, whom reminders reach
}

// SupplyReport is supply against demand in a report.
type SupplyReport struct {
	AsOf      time.Time
	Languages []Demand // languages asked for, with the offices that list them
	Topics    []Demand // topics asked for, with the offices the matcher names for them
	Stale     []Stale  // active entries older than StaleAfter, oldest first
}

// Demand is one language or topic: how often it was asked for (results) and how many active
// offices offer it: for a language the JMD and MBE offices that list it, for a topic those
// the matcher names for it (every JMD and MBE office, and the add-on services listing it).
type Demand struct {
	Value   string
	Label   dialog.Text
	Asked   Count
	Offices int
}

// Stale is an entry whose confirmation is older than StaleAfter, or missing.
type Stale struct {
	ID, Name    string
	ConfirmedAt *time.Time
	Reminded    *time.Time
	Counsellors int
}

// names maps every office id to its name.
func (s *Supply) names() map[string]string {
	m := make(map[string]string, len(s.Offices))
	for _, o := range s.Offices {
		m[o.ID] = o.Name
	}
	return m
}

// counselling are the active JMD and MBE offices: the ones newcomers are sent to.
func (s *Supply) counselling() []OfficeSupply {
	var out []OfficeSupply
	for _, o := range s.Offices {
		if !o.Archived && o.Kind.Counselling() {
			out = append(out, o)
		}
	}
	return out
}

// supplyReport puts the period's demand beside the directory.
func supplyReport(d *Data) SupplyReport {
	sr := SupplyReport{AsOf: d.Supply.AsOf}
	offices := d.Supply.counselling()
	labels := labellers(nil)
	for _, row := range d.Total("language") {
		n := 0
		for _, o := range offices {
			if slices.Contains(o.LanguageKeys, directory.LanguageKey(row.Value)) {
				n++
			}
		}
		sr.Languages = append(sr.Languages, Demand{Value: row.Value, Label: labels["language"](row.Value), Asked: row.Count, Offices: n})
	}
	// A topic is offered as the matcher offers it (directory.Offers): by every JMD and MBE
	// office (they counsel on every topic, their listed topics only rank them) and by the
	// add-on services that list it. An office's topics are not its whole offer.
	for _, row := range d.Total("topic") {
		n := 0
		for _, o := range d.Supply.Offices {
			if !o.Archived && directory.Offers(o.Kind, topicsOf(o.Topics), directory.Topic(row.Value)) {
				n++
			}
		}
		sr.Topics = append(sr.Topics, Demand{Value: row.Value, Label: labels["topic"](row.Value), Asked: row.Count, Offices: n})
	}
	// The counts asked are the language and topic sections' own: withheld as there.
	for _, ds := range [][]Demand{sr.Languages, sr.Topics} {
		Withhold(len(ds), func(i int) Count { return ds[i].Asked }, func(i int, c Count) { ds[i].Asked = c })
	}
	sr.Stale = staleEntries(d.Supply)
	return sr
}

// topicsOf types an office's topics.
func topicsOf(ts []string) []directory.Topic {
	out := make([]directory.Topic, len(ts))
	for i, t := range ts {
		out[i] = directory.Topic(t)
	}
	return out
}

// staleEntries are the active offices not confirmed within StaleAfter of AsOf, never
// confirmed first, then the oldest.
func staleEntries(s Supply) []Stale {
	limit := s.AsOf.Add(-StaleAfter)
	var out []Stale
	for _, o := range s.Offices {
		if o.Archived || (o.ConfirmedAt != nil && !o.ConfirmedAt.Before(limit)) {
			continue
		}
		out = append(out, Stale{ID: o.ID, Name: o.Name, ConfirmedAt: o.ConfirmedAt, Reminded: o.Reminded, Counsellors: o.Counsellors})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].ConfirmedAt, out[j].ConfirmedAt
		switch {
		case a == nil || b == nil:
			return a == nil && b != nil
		}
		return a.Before(*b)
	})
	return out
}
