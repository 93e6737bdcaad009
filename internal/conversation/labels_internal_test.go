package conversation

import "testing"

// Every age falls in the one band whose range holds it, and the bands' stand-in ages too.
func TestAgeBandRanges(t *testing.T) {
	for age := 0; age <= maxAge; age++ {
		lo, hi, ok := AgeBandRange(ageBand(age))
		if !ok || age < lo || age > hi {
			t.Errorf("age %d: band %s is %d to %d", age, ageBand(age), lo, hi)
		}
	}
	for _, b := range AgeBands {
		if age, ok := BandAge(b); !ok || ageBand(age) != b {
			t.Errorf("band %s stands in with %d (%v)", b, age, ok)
		}
	}
}
