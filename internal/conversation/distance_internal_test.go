package conversation

import "testing"

// Distances nearby keep one decimal; from 10 km on they are whole kilometres.
func TestDistanceIsRoundedFarAway(t *testing.T) {
	for _, c := range []struct {
		km     float64
		want   float64
		digits int
	}{{1.84, 1.84, 1}, {9.96, 9.96, 1}, {10.2, 10, 0}, {384.04, 384, 0}, {384.6, 385, 0}} {
		got := distance(c.km)
		if got.Number == nil || *got.Number != c.want || got.Digits != c.digits {
			t.Errorf("distance(%v) = %v with %d digits, want %v with %d", c.km, got.Number, got.Digits, c.want, c.digits)
		}
	}
}
