// Package holiday knows the public holidays of the German states, from the holiday
// definitions of github.com/rickar/cal (the one importer of that library): offices are
// closed on them, whatever their weekly opening hours say.
package holiday

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/de"
)

// DefaultState is the state of the shipped directory's offices: Hessen.
const DefaultState = "HE"

// states are the holidays of each state by its code (ISO 3166-2:DE without "DE-").
var states = map[string][]*cal.Holiday{
	"BW": de.HolidaysBW, "BY": de.HolidaysBY, "BE": de.HolidaysBE, "BB": de.HolidaysBB,
	"HB": de.HolidaysHB, "HH": de.HolidaysHH, "HE": de.HolidaysHE, "MV": de.HolidaysMV,
	"NI": de.HolidaysNI, "NW": de.HolidaysNW, "RP": de.HolidaysRP, "SL": de.HolidaysSL,
	"SN": de.HolidaysSN, "ST": de.HolidaysST, "SH": de.HolidaysSH, "TH": de.HolidaysTH,
}

// States lists the state codes ForState knows, sorted.
func States() []string {
	codes := make([]string, 0, len(states))
	for c := range states {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	return codes
}

// Calendar is the public holidays of one German state. It is safe for concurrent use.
type Calendar struct {
	State string // the state's code, e.g. "HE"
	cal   *cal.Calendar
}

// ForState returns the public holidays of the German state with this code: "HE" or "DE-HE"
// for Hessen, in any case; empty means DefaultState.
func ForState(code string) (*Calendar, error) {
	code = strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(code)), "DE-")
	if code == "" {
		code = DefaultState
	}
	hols, ok := states[code]
	if !ok {
		return nil, fmt.Errorf("holiday: unknown German state %q (one of %s)", code, strings.Join(States(), " "))
	}
	c := &cal.Calendar{Name: "DE-" + code}
	c.AddHoliday(hols...)
	return &Calendar{State: code, cal: c}, nil
}

// Is reports whether date, read as a day (its year, month and day in its own location), is a
// public holiday in the state.
func (c *Calendar) Is(date time.Time) bool {
	actual, observed, _ := c.cal.IsHoliday(date)
	return actual || observed
}
