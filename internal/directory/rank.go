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

// Rank answers q from a list of offices, as the store's SQL reference query does. The tiers, in
// order: the right service for the age (JMD 12-26, MBE 27+; MBE only as a second option for
// an under-27 with an adult matter), offices still taking new clients, offices that speak the
// language, offices that list the topic, distance, then name and id. Add-on services (kind
// service) are named when they list the topic and serve the age, ranked the same way, at most
// MaxServices of them. Under 12 only add-on services match: neither JMD nor MBE counsels
// children directly. Archived offices never match.
func Rank(offices []Office, q Query) Matches {
	primary, _ := ServiceForAge(q.Age)
	adultTopic := slices.Contains(AdultTopics, q.Topic)
	lang := LanguageKey(q.Language)
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	var offs, svcs []ranked
	for i := range offices {
		o := &offices[i]
		if o.Archived {
			continue
		}
		r := ranked{office: o}
		switch {
		case o.Kind == KindService && slices.Contains(o.Topics, q.Topic) && o.ServesAge(q.Age):
		case primary != "" && o.Kind == primary && o.ServesAge(q.Age):
			r.rightService = true
		case primary == KindJMD && adultTopic && o.Kind == KindMBE:
		default:
			continue
		}
		r.speaks = slices.ContainsFunc(o.Languages, func(l string) bool { return LanguageKey(l) == lang })
		r.serves = slices.Contains(o.Topics, q.Topic)
		if q.Lat != nil && q.Lon != nil && o.HasPosition() {
			d := DistanceKm(*q.Lat, *q.Lon, *o.Latitude, *o.Longitude)
			r.distance = &d
		}
		if o.Kind == KindService {
			svcs = append(svcs, r)
		} else {
			offs = append(offs, r)
		}
	}
	return Matches{Offices: top(offs, limit), Services: top(svcs, MaxServices)}
}

// ranked is a candidate with the facts it is ranked by.
type ranked struct {
	office       *Office
	rightService bool
	speaks       bool
	serves       bool
	distance     *float64
}

func (r *ranked) match() Match {
	m := Match{Office: *r.office, DistanceKm: r.distance}
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
	return m
}

// better orders candidates best first.
func better(a, b ranked) int {
	if c := firstTrue(a.rightService, b.rightService); c != 0 {
		return c
	}
	if c := firstTrue(accepting(a.office), accepting(b.office)); c != 0 {
		return c
	}
	if c := firstTrue(a.speaks, b.speaks); c != 0 {
		return c
	}
	if c := firstTrue(a.serves, b.serves); c != 0 {
		return c
	}
	switch {
	case a.distance != nil && b.distance == nil:
		return -1
	case a.distance == nil && b.distance != nil:
		return 1
	case a.distance != nil && *a.distance != *b.distance:
		return cmp.Compare(*a.distance, *b.distance)
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

// top returns the best k candidates as matches, best first: a bounded selection, so that a
// national directory costs no full sort.
func top(cands []ranked, k int) []Match {
	if len(cands) > 4*k {
		// Keep the best k in a small sorted buffer.
		buf := make([]ranked, 0, k+1)
		for _, c := range cands {
			if len(buf) == k && better(c, buf[k-1]) >= 0 {
				continue
			}
			i, _ := slices.BinarySearchFunc(buf, c, better)
			buf = slices.Insert(buf, i, c)
			if len(buf) > k {
				buf = buf[:k]
			}
		}
		cands = buf
	} else {
		slices.SortStableFunc(cands, better)
		cands = cands[:min(k, len(cands))]
	}
	var out []Match
	for i := range cands {
		out = append(out, cands[i].match())
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
	offices []Office
	byID    map[string]int
	// Version is the directory version it was read at.
	Version int64
}

// NewSnapshot holds offices (archived ones are kept for lookups by id, never matched).
func NewSnapshot(offices []Office, version int64) *Snapshot {
	s := &Snapshot{offices: offices, byID: make(map[string]int, len(offices)), Version: version}
	for i, o := range offices {
		s.byID[o.ID] = i
	}
	return s
}

// Match ranks the snapshot for q.
func (s *Snapshot) Match(_ context.Context, q Query) (Matches, error) { return Rank(s.offices, q), nil }

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
