package directory

import "time"

// Query describes who is looking for help: the conversation's answers.
type Query struct {
	Age      int    // the age that decides the service (a parent's age for a young child)
	Topic    Topic  // what the person needs help with
	Language string // preferred counselling language, a BCP 47 tag
	Lat, Lon *float64
	// Place is the municipality the person lives in, as the postcode table names it; "" when
	// not known. Offices responsible only for other places (Office.Serves) are left out.
	Place string
	Limit int // how many offices at most (services are not limited by it); 0 means 3
	// Today is the date where the offices are: an office temporarily closed on it ranks
	// below the open ones, like one that takes no new clients. Zero: closures are not looked
	// at (the SQL reference ranking, which does not know them).
	Today time.Time
}

// Reason says why an office was named.
type Reason string

// The reasons an office matches, in the order they weigh.
const (
	ReasonService      Reason = "service"       // the right service (JMD or MBE) for the age
	ReasonAdultTopic   Reason = "adult_topic"   // MBE as a second option for an under-27 with an adult matter
	ReasonLanguage     Reason = "language"      // counselling in the preferred language is usually offered
	ReasonTopic        Reason = "topic"         // the office lists the topic
	ReasonNotAccepting Reason = "not_accepting" // a warning: the office says it takes no new clients
	ReasonClosed       Reason = "closed"        // a warning: the office is temporarily closed today
)

// Match is an office named for a query, with why.
type Match struct {
	Office     Office
	Reasons    []Reason
	DistanceKm *float64 // nil when the person's or the office's position is unknown
}

// Has reports whether the match carries reason r.
func (m *Match) Has(r Reason) bool {
	for _, x := range m.Reasons {
		if x == r {
			return true
		}
	}
	return false
}

// Matches is the answer to a Query: the JMD/MBE offices, best first, and separately the add-on
// services for the topic.
type Matches struct {
	Offices  []Match
	Services []Match
}

// AllFull reports whether every office named says it takes no new clients.
func (m *Matches) AllFull() bool {
	for i := range m.Offices {
		if !m.Offices[i].Has(ReasonNotAccepting) && !m.Offices[i].Has(ReasonClosed) {
			return false
		}
	}
	return len(m.Offices) > 0
}
