package app

import (
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/area"
)

// TestAreaHolidaysFollowTheAreaInUse: the offices' holidays are those of the served area's
// state, and change with the area (another town imported while the bot runs).
func TestAreaHolidaysFollowTheAreaInUse(t *testing.T) {
	live := area.NewLive(area.Area{Name: "Kassel", State: "HE"})
	holiday := AreaHolidays(live)
	epiphany := time.Date(2027, 1, 6, 0, 0, 0, 0, time.UTC) // a holiday in Bavaria, not in Hessen
	christmas := time.Date(2027, 12, 25, 0, 0, 0, 0, time.UTC)
	if holiday(epiphany) || !holiday(christmas) {
		t.Errorf("Hessen: Epiphany %v, Christmas %v; want false, true", holiday(epiphany), holiday(christmas))
	}
	live.Set(area.Area{Name: "München", State: "BY"})
	if !holiday(epiphany) {
		t.Error("after the area became Munich, Epiphany is no holiday")
	}
}
