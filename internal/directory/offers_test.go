package directory

import (
	"slices"
	"testing"
)

// Offers says what rank does: a JMD or MBE office is offered for every topic (at an age it
// serves), an add-on service only for the topics it lists.
func TestOffersIsWhatRankOffers(t *testing.T) {
	offices := []Office{
		{ID: "jmd", Kind: KindJMD, Topics: []Topic{"housing"}},
		{ID: "mbe", Kind: KindMBE},
		{ID: "svc", Kind: KindService, Topics: []Topic{"housing"}},
	}
	for _, topic := range Topics {
		for _, age := range []int{20, 40} {
			got := rank(prepare(offices), Query{Age: age, Topic: topic, Limit: 10})
			var named []string
			for _, m := range slices.Concat(got.Offices, got.Services) {
				named = append(named, m.Office.ID)
			}
			for _, o := range offices {
				primary, _ := ServiceForAge(age)
				if o.Kind.Counselling() && o.Kind != primary {
					continue // the other service's age (or an adult topic's second option)
				}
				if want := Offers(o.Kind, o.Topics, topic); slices.Contains(named, o.ID) != want {
					t.Errorf("%s for %s at %d: named %v, Offers says %v", o.ID, topic, age, named, want)
				}
			}
		}
	}
}
