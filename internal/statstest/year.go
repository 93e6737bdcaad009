// Package statstest makes a year of anonymous usage events, as the newcomer dialogue records
// them, for the tests of the statistics and the reports: about 4,000 conversations with the
// languages, topics, age bands, drop-offs, feedback and campaign links of a plausible year.
// It is deterministic: the same year gives the same events. Only tests import it.
package statstest

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
)

// Event is one stored usage event.
type Event struct {
	Day          time.Time
	Kind         dialog.EventKind
	Conversation string
	PersonKey    string
	Dims         map[string]string
}

// feedbackReason is what a newcomer says was missing after "no"; the newcomer dialogue
// records it (and the statistics count it) from the newcomer issue on.
const feedbackReason dialog.EventKind = "feedback_reason"

// weighted picks a key by weight.
type weighted []struct {
	key    string
	weight int
}

func (w weighted) pick(r *rand.Rand) string {
	total := 0
	for _, x := range w {
		total += x.weight
	}
	n := r.IntN(total)
	for _, x := range w {
		if n < x.weight {
			return x.key
		}
		n -= x.weight
	}
	return w[len(w)-1].key
}

// The year's mix. Dari (fa-AF) is asked for often; the test directory lists no office for it.
var (
	languages = weighted{{"ar", 30}, {"uk", 15}, {"fa-AF", 12}, {"tr", 10}, {"de", 8}, {"ru", 6}, {"en", 5},
		{"ku", 4}, {"so", 3}, {"ti", 2}, {"ps", 2}, {"ro", 1}, {"bg", 1}, {"pl", 1}}
	topics = weighted{{"residence", 25}, {"letters", 18}, {"housing", 12}, {"german", 10}, {"work", 9}, {"money", 7},
		{"asylum", 6}, {"family_reunion", 5}, {"education", 3}, {"health", 2}, {"discrimination", 1}, {"recognition", 1}, {"other", 1}}
	bands    = weighted{{"u12", 3}, {"12-17", 12}, {"18-26", 30}, {"27+", 55}}
	reasons  = weighted{{"office", 4}, {"phone", 3}, {"language", 2}, {"other", 1}}
	tags     = weighted{{"flyer-rathaus", 3}, {"plakat-bahnhof", 1}}
	officeOf = map[string]string{"u12": "jugendamt", "12-17": "jmd-a", "18-26": "jmd-a", "27+": "mbe-a"}
)

// Year returns the events of a year's conversations, day by day.
func Year(year int) []Event {
	r := rand.New(rand.NewPCG(uint64(year), 17))
	var out []Event
	n := 0
	for day := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC); day.Year() == year; day = day.AddDate(0, 0, 1) {
		per := 6 + r.IntN(10) // more in the autumn, fewer at weekends
		if day.Month() >= 9 {
			per += 4
		}
		if day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
			per /= 3
		}
		for range per {
			n++
			out = append(out, conversation(r, day, n)...)
		}
	}
	return out
}

// conversation is the events of one conversation: how far it gets, what it asked for and
// what the person said afterwards.
func conversation(r *rand.Rand, day time.Time, n int) []Event {
	conv, person := fmt.Sprintf("c%05d", n), fmt.Sprintf("p%05d", n-n%3) // some people come back
	lang := languages.pick(r)
	ev := func(kind dialog.EventKind, kv ...string) Event {
		dims := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			dims[kv[i]] = kv[i+1]
		}
		return Event{Day: day, Kind: kind, Conversation: conv, PersonKey: person, Dims: dims}
	}
	start := ev(dialog.EventStarted, "lang", lang, "source", "direct")
	if r.IntN(8) == 0 {
		start.Dims["source"], start.Dims["tag"] = "link", tags.pick(r)
	}
	out := []Event{start}
	reached := r.IntN(20) // 0..19: 1 and more answer the language, ..., 8 and more reach a result
	for i, step := range []string{"language", "age", "topic", "place"} {
		if reached < 1+2*i {
			return out
		}
		out = append(out, ev(dialog.EventAnswered, "step", step, "how", "button"))
		if step == "topic" && r.IntN(12) == 0 {
			out = append(out, ev(dialog.EventUnrecognizedTopic, "lang", lang))
		}
	}
	if reached < 8 {
		return out
	}
	band, topic := bands.pick(r), topics.pick(r)
	place := "no"
	if r.IntN(3) == 0 {
		place = "yes"
	}
	if lang == "fa-AF" && topic == "asylum" {
		out = append(out, ev(dialog.EventNoResult, "topic", topic, "lang", lang))
	} else {
		out = append(out, ev(dialog.EventOfficeNamed, "office", officeOf[band]))
	}
	out = append(out, ev(dialog.EventResult, "age_band", band, "topic", topic, "lang", lang, "place", place))
	switch r.IntN(4) {
	case 0:
		out = append(out, ev(dialog.EventFeedback, "answer", "yes"))
	case 1:
		out = append(out, ev(dialog.EventFeedback, "answer", "no"), ev(feedbackReason, "reason", reasons.pick(r)))
	}
	return out
}
