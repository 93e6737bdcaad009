package directory

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// What an office says about itself beyond its address: a temporary closure, a waiting list,
// and notes from a library that every newcomer reads in their own language.

// NoteKeys is the library of pre-translated notes a counsellor can pick for an office, in
// the order they are offered. Each key is a catalog message "note.<key>" in every language.
var NoteKeys = []string{
	"appointment_only", "open_consultation", "call_first", "email_first", "bring_residence",
	"bring_id", "bring_letters", "interpreter", "bring_interpreter", "wheelchair",
	"stairs_only", "children_welcome", "female_counsellor", "phone_counselling", "video_counselling",
	"home_visits", "free", "confidential", "come_early", "entrance_rear", "role_unconfirmed",
	"position_approximate",
}

// MaxWaitingWeeks is the longest expected wait an office can state.
const MaxWaitingWeeks = 52

// ClosedOn reports whether the office is temporarily closed on date: its closure runs from
// ClosedFrom (or any earlier day, when none is set) up to and including ClosedUntil. A
// closure in the past means open, so none has to be cleared.
func (o *Office) ClosedOn(date time.Time) bool {
	if o.ClosedUntil == nil {
		return false
	}
	day := dayOf(date)
	return !day.After(*o.ClosedUntil) && (o.ClosedFrom == nil || !day.Before(*o.ClosedFrom))
}

// ClosureAhead reports whether a closure is set to begin after date: the office is open on
// date, and the closure still to come.
func (o *Office) ClosureAhead(date time.Time) bool {
	return o.ClosedUntil != nil && o.ClosedFrom != nil && o.ClosedFrom.After(dayOf(date))
}

// ClosingWithin reports whether a closure begins after date and within the days after it: the
// office is open on date, and those who plan to go should know.
func (o *Office) ClosingWithin(date time.Time, days int) bool {
	return o.ClosureAhead(date) && !o.ClosedFrom.After(dayOf(date).AddDate(0, 0, days))
}

// CarryClosureStart keeps the first day of old's closure still to come in n when n has the
// same last day but no first day: a file in the layout before closed_from existed (or a row
// that leaves it empty) must not turn an announced closure into one from today. To start such
// a closure now, change its last day too, or end it and set it anew.
func CarryClosureStart(old, n *Office) {
	if n.ClosedFrom == nil && n.ClosedUntil != nil && old.ClosedFrom != nil && old.ClosedUntil != nil && old.ClosedUntil.Equal(*n.ClosedUntil) {
		from := *old.ClosedFrom
		n.ClosedFrom = &from
	}
}

// dayOf is date's calendar day as midnight UTC, as dates are stored.
func dayOf(date time.Time) time.Time {
	y, m, d := date.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// WaitingWeeks returns the expected wait for new clients in weeks, and whether the office
// keeps a waiting list at all.
func (o *Office) WaitingWeeks() (int, bool) {
	if o.Waiting == nil {
		return 0, false
	}
	return *o.Waiting, true
}

// ParseWaitingWeeks checks an expected wait in weeks (1 to MaxWaitingWeeks); empty means
// no waiting list.
func ParseWaitingWeeks(s string) (*int, error) {
	if s == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > MaxWaitingWeeks {
		return nil, invalid("weeks", s)
	}
	return &n, nil
}

// OppositeNotes are the notes of the library that contradict each other: a newcomer told
// both would not know what holds.
var OppositeNotes = [][2]string{{"appointment_only", "open_consultation"}, {"wheelchair", "stairs_only"}}

// OppositeNote is the note that contradicts key, or "". The bot unticks a note's opposite
// when it is ticked, and an import refuses an office with both (oppositeNotes); the web form
// does not edit notes.
func OppositeNote(key string) string {
	for _, p := range OppositeNotes {
		switch key {
		case p[0]:
			return p[1]
		case p[1]:
			return p[0]
		}
	}
	return ""
}

// oppositeNotes is the problem of an office whose notes contradict each other, if they do.
func oppositeNotes(keys []string) error {
	for _, k := range keys {
		if o := OppositeNote(k); o != "" && slices.Contains(keys, o) {
			return invalid("note_opposite", k+" "+o)
		}
	}
	return nil
}

// ParseNoteKeys checks a space-separated list of keys of the notes library.
func ParseNoteKeys(s string) ([]string, error) {
	out := []string{}
	for _, f := range strings.Fields(s) {
		if !slices.Contains(NoteKeys, f) {
			return nil, invalid("note_key", f)
		}
		if slices.Contains(out, f) {
			return nil, invalid("note_key_dup", f)
		}
		out = append(out, f)
	}
	return out, nil
}
