package directory

import (
	"cmp"
	"context"
	"math"
	"slices"
)

// MaxServices is how many add-on services a result names at most.
const MaxServices = 5

// DefaultLimit is how many JMD/MBE offices a query returns when its Limit is 0.
const DefaultLimit = 3

// prepared is an office with what ranking reads of it worked out once: its language keys,
// topics as bits and age range.
type prepared struct {
	office   *Office
	langKeys []string
	topics   uint64
	minAge   int
	maxAge   int
	archived bool
}

func prepare(offices []Office) []prepared {
	out := make([]prepared, len(offices))
	for i := range offices {
		o := &offices[i]
		p := prepared{office: o, langKeys: LanguageKeys(o.Languages), minAge: 0, maxAge: 1 << 30, archived: o.Archived}
		for _, t := range o.Topics {
			p.topics |= topicBit(t)
		}
		if min, max := o.Ages(); min != nil || max != nil {
			if min != nil {
				p.minAge = *min
			}
			if max != nil {
				p.maxAge = *max
			}
		}
		out[i] = p
	}
	return out
}

// topicBit is a topic's bit in a set of topics (0 for an unknown one).
func topicBit(t Topic) uint64 {
	if i := slices.Index(Topics, t); i >= 0 {
		return 1 << i
	}
	return 0
}

// rank answers q from prepared offices, as the store's SQL reference query does. The tiers, in
// order: the right service for the age (JMD 12-26, MBE 27+; MBE only as a second option for
// an under-27 with an adult matter), offices still taking new clients, offices with a phone
// number or an e-mail address (one without either is a dead end for a newcomer who cannot go
// there and ask), offices that speak the language, offices that list the topic, distance,
// then name and id. Add-on services (kind
// service) are named when they list the topic and serve the age, ranked the same way, at most
// MaxServices of them. Under 12 only add-on services match: neither JMD nor MBE counsels
// children directly. Archived offices never match.
func rank(offices []prepared, q Query) Matches {
	primary, _ := ServiceForAge(q.Age)
	adultTopic := q.AdultException()
	lang := LanguageKey(q.Language)
	topic := topicBit(q.Topic)
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	offs, svcs := newBest(limit), newBest(MaxServices)
	for i := range offices {
		p := &offices[i]
		o := p.office
		if p.archived || !o.ServesPlace(q.Place) {
			continue
		}
		servesAge := p.minAge <= q.Age && q.Age <= p.maxAge
		r := ranked{office: o}
		switch {
		case o.Kind == KindService && p.topics&topic != 0 && servesAge:
		case primary != "" && o.Kind == primary && servesAge:
			r.rightService = true
		case primary == KindJMD && adultTopic && o.Kind == KindMBE:
		default:
			continue
		}
		r.speaks = slices.Contains(p.langKeys, lang)
		r.serves = p.topics&topic != 0
		r.closed = !q.Today.IsZero() && o.ClosedOn(q.Today)
		if q.Lat != nil && q.Lon != nil && o.HasPosition() {
			r.distance, r.located = DistanceKm(*q.Lat, *q.Lon, *o.Latitude, *o.Longitude), true
		}
		if o.Kind == KindService {
			svcs.add(r)
		} else {
			offs.add(r)
		}
	}
	return Matches{Offices: offs.matches(), Services: svcs.matches()}
}

// Offers says whether rank offers an office of the kind that lists topics for a topic (to a
// person of an age it serves): JMD and MBE counsel on every topic, the topics they list only
// rank them higher; an add-on service is named only for a topic it lists. Supply against
// demand counts the offices for a topic by it.
func Offers(kind Kind, topics []Topic, t Topic) bool {
	return kind.Counselling() || kind == KindService && slices.Contains(topics, t)
}

// ranked is a candidate with the facts it is ranked by.
type ranked struct {
	office       *Office
	rightService bool
	speaks       bool
	serves       bool
	distance     float64
	located      bool // distance is known
	closed       bool // temporarily closed on the query's day
}

func (r *ranked) match() Match {
	m := Match{Office: *r.office}
	if r.located {
		d := r.distance
		m.DistanceKm = &d
	}
	switch {
	case r.office.Kind == KindService:
	case r.rightService:
		m.Reasons = append(m.Reasons, ReasonService)
	default:
		m.Reasons = append(m.Reasons, ReasonAdultTopic)
	}
	if r.speaks {
		m.Reasons = append(m.Reasons, ReasonLanguage)
	}
	if r.serves {
		m.Reasons = append(m.Reasons, ReasonTopic)
	}
	if a := r.office.AcceptingNewClients; a != nil && !*a {
		m.Reasons = append(m.Reasons, ReasonNotAccepting)
	}
	if r.closed {
		m.Reasons = append(m.Reasons, ReasonClosed)
	}
	return m
}

// better orders candidates best first.
func better(a, b ranked) int {
	if c := firstTrue(a.rightService, b.rightService); c != 0 {
		return c
	}
	if c := firstTrue(accepting(a.office) && !a.closed, accepting(b.office) && !b.closed); c != 0 {
		return c
	}
	if c := firstTrue(a.office.Reachable(), b.office.Reachable()); c != 0 {
		return c
	}
	// An office not known to give this counselling at all ("not sure they counsel: call and
	// ask") comes after those that surely do (J11: it came first by its name).
	if c := firstTrue(!a.office.RoleUnconfirmed(), !b.office.RoleUnconfirmed()); c != 0 {
		return c
	}
	if c := firstTrue(a.speaks, b.speaks); c != 0 {
		return c
	}
	if c := firstTrue(a.serves, b.serves); c != 0 {
		return c
	}
	switch {
	case a.located && !b.located:
		return -1
	case !a.located && b.located:
		return 1
	case a.located && a.distance != b.distance:
		return cmp.Compare(a.distance, b.distance)
	}
	return cmp.Or(cmp.Compare(a.office.Name, b.office.Name), cmp.Compare(a.office.ID, b.office.ID))
}

func firstTrue(a, b bool) int {
	switch {
	case a && !b:
		return -1
	case b && !a:
		return 1
	}
	return 0
}

// accepting is true unless the office said it takes no new clients.
func accepting(o *Office) bool { return o.AcceptingNewClients == nil || *o.AcceptingNewClients }

// best keeps the k best candidates seen, best first: a national directory costs no sort.
type best struct {
	k    int
	list []ranked
}

func newBest(k int) *best { return &best{k: k, list: make([]ranked, 0, k+1)} }

func (b *best) add(c ranked) {
	if len(b.list) == b.k && better(c, b.list[b.k-1]) >= 0 {
		return
	}
	i, _ := slices.BinarySearchFunc(b.list, c, better)
	b.list = slices.Insert(b.list, i, c)
	if len(b.list) > b.k {
		b.list = b.list[:b.k]
	}
}

func (b *best) matches() []Match {
	var out []Match
	for i := range b.list {
		out = append(out, b.list[i].match())
	}
	return out
}

// DistanceKm is the great-circle distance between two positions (haversine, mean Earth radius).
func DistanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad/2, (lon2-lon1)*rad/2
	h := math.Pow(math.Sin(dLat), 2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Pow(math.Sin(dLon), 2)
	return 12742 * math.Asin(math.Sqrt(h))
}

// Snapshot is the directory held in memory: matching reads it without a database round trip.
// It is immutable; a new one replaces it when the directory changes.
type Snapshot struct {
	offices  []Office
	prepared []prepared
	byID     map[string]int
	// Version is the directory version it was read at.
	Version int64
}

// NewSnapshot holds offices (archived ones are kept for lookups by id, never matched).
func NewSnapshot(offices []Office, version int64) *Snapshot {
	s := &Snapshot{offices: offices, prepared: prepare(offices), byID: make(map[string]int, len(offices)), Version: version}
	for i, o := range offices {
		s.byID[o.ID] = i
	}
	return s
}

// Match ranks the snapshot for q.
func (s *Snapshot) Match(_ context.Context, q Query) (Matches, error) {
	return rank(s.prepared, q), nil
}

// Office returns the office with id, archived or not, or ErrNotFound.
func (s *Snapshot) Office(_ context.Context, id string) (Office, error) {
	i, ok := s.byID[id]
	if !ok {
		return Office{}, ErrNotFound
	}
	return s.offices[i], nil
}

// Len is the number of offices held.
func (s *Snapshot) Len() int { return len(s.offices) }
