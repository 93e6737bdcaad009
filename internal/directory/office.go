// Package directory holds the referral directory's domain: offices, the fixed topic keys,
// the validation rules shared by the CSV import and the counsellors' edits, and the CSV
// format that counsellors and city staff exchange. It imports nothing of the outside world.
package directory

import (
	"errors"
	"slices"
	"time"
)

// Kind says which service an office provides.
type Kind string

// The kinds of office.
const (
	KindJMD     Kind = "jmd"     // Jugendmigrationsdienst, ages 12 to 26
	KindMBE     Kind = "mbe"     // Migrationsberatung für erwachsene Zugewanderte, 27 and older
	KindService Kind = "service" // add-on services: Ausländerbehörde, Jobcenter, Jugendamt, ...
)

// Kinds lists every kind in a stable order.
var Kinds = []Kind{KindJMD, KindMBE, KindService}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Counselling reports whether the kind is one of the two migration counselling services (JMD
// or MBE), not an add-on service.
func (k Kind) Counselling() bool { return k == KindJMD || k == KindMBE }

// The age limits of the two federal services: JMD from 12 until the 27th birthday, MBE from 27.
const (
	JMDMinAge = 12
	JMDMaxAge = 26
	MBEMinAge = 27
)

// DefaultAges returns the age range an office of kind k serves when its entry names none.
// A nil bound means "no limit".
func (k Kind) DefaultAges() (min, max *int) {
	switch k {
	case KindJMD:
		return ptr(JMDMinAge), ptr(JMDMaxAge)
	case KindMBE:
		return ptr(MBEMinAge), nil
	}
	return nil, nil
}

// ServiceForAge returns the federal service responsible for a person of the given age, and
// false for children under 12, whom neither service counsels directly.
func ServiceForAge(age int) (Kind, bool) {
	switch {
	case age < JMDMinAge:
		return "", false
	case age <= JMDMaxAge:
		return KindJMD, true
	default:
		return KindMBE, true
	}
}

// Topic is a stable machine key for what a person needs help with.
type Topic string

// Topics lists every topic key, in the order the conversation offers them.
var Topics = []Topic{
	"residence", "asylum", "family_reunion", "german", "work", "recognition", "education",
	"housing", "money", "health", "family", "letters", "discrimination", "other",
}

// TopicOther is "something else": no topic of the list.
const TopicOther Topic = "other"

// Valid reports whether t is a known topic key.
func (t Topic) Valid() bool { return slices.Contains(Topics, t) }

// AdultTopics are the matters for which MBE may see a person under 27 as an exception; MBE is
// then offered as a second option after the JMD, never as the first; and only to an adult
// (AdultAge): a minor's housing or money is the JMD's and the Jugendamt's.
var AdultTopics = []Topic{"housing", "money"}

// AdultAge is the age of majority: from it MBE may see a person under 27 as an exception.
const AdultAge = 18

// AdultException says whether q is a matter for which MBE may see a person under 27 (see
// AdultTopics).
func (q Query) AdultException() bool {
	return q.Age >= AdultAge && slices.Contains(AdultTopics, q.Topic)
}

// Office is one entry of the referral directory.
type Office struct {
	ID                  string
	Kind                Kind
	Name                string
	Provider            string
	Street              string
	Postcode            string
	City                string
	Latitude            *float64
	Longitude           *float64
	Phone               string
	Email               string
	Website             string
	Languages           []string // BCP 47 tags, in the office's order
	Topics              []Topic
	MinAge              *int // nil: the kind's default
	MaxAge              *int
	OpeningHours        string // OpenStreetMap opening_hours syntax, weekly rules only
	Note                string
	AcceptingNewClients *bool // nil: unknown
	ConfirmedAt         *time.Time
	// ClosedFrom is the first day of a temporary closure still to come; nil: it runs from
	// now on (or none is set). It is set only with ClosedUntil, on or before it.
	ClosedFrom *time.Time
	// ClosedUntil is the last day of a temporary closure; a day before today means open
	// (ClosedOn), so a closure ends by itself.
	ClosedUntil *time.Time
	// Waiting is the expected wait for a first appointment, in weeks, when the office keeps
	// a waiting list; nil when it has none or did not say (WaitingWeeks).
	Waiting *int
	// NoteKeys are notes from the library (NoteKeys), which newcomers read in their language.
	NoteKeys []string
	// Serves are the places (municipalities, as the postcode table names them) whose people
	// the office alone is responsible for: a Jobcenter or a Jugendamt of a town, or of the
	// district around it. Empty: everyone. A person whose place is known and not among them
	// is not sent there (Query.Place); one whose place is not known is.
	Serves []string
	// Archived offices never reach newcomers; they are not part of the directory file.
	Archived bool
}

// ServesPlace says whether the office is for the people of place: it names no places, or
// place is among them, or place is not known ("").
func (o *Office) ServesPlace(place string) bool {
	return len(o.Serves) == 0 || place == "" || slices.Contains(o.Serves, place)
}

// Ages returns the age range the office serves, its own or its kind's default.
func (o *Office) Ages() (min, max *int) {
	dmin, dmax := o.Kind.DefaultAges()
	min, max = o.MinAge, o.MaxAge
	if min == nil {
		min = dmin
	}
	if max == nil {
		max = dmax
	}
	return min, max
}

// ServesAge reports whether the office's age range includes age.
func (o *Office) ServesAge(age int) bool {
	min, max := o.Ages()
	return (min == nil || age >= *min) && (max == nil || age <= *max)
}

// HasPosition reports whether the office has map coordinates.
func (o *Office) HasPosition() bool { return o.Latitude != nil && o.Longitude != nil }

// Reachable reports whether the office can be called or written to: one without a phone
// number or an e-mail address is a dead end for a newcomer who cannot go there and ask.
func (o *Office) Reachable() bool { return o.Phone != "" || o.Email != "" }

// RoleUnconfirmed says whether the office is not known to give its kind's counselling at all
// (the note role_unconfirmed: an organisation's address, its counselling inferred).
func (o *Office) RoleUnconfirmed() bool { return slices.Contains(o.NoteKeys, "role_unconfirmed") }

// ErrNotFound is returned when an office (or anything else looked up by key) does not exist.
var ErrNotFound = errors.New("not found")

func ptr[T any](v T) *T { return &v }

// DateIn returns the calendar date of t in zone (nil means UTC), as midnight UTC: how dates
// are stored (confirmations, statistics days).
func DateIn(t time.Time, zone *time.Location) time.Time {
	if zone == nil {
		zone = time.UTC
	}
	y, m, d := t.In(zone).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
