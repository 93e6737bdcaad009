package app

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"time"

	"github.com/kassel/wegweiser/internal/area"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/holiday"
	"github.com/kassel/wegweiser/internal/postcode"
	"github.com/kassel/wegweiser/internal/seed"
	"github.com/kassel/wegweiser/internal/staff"
)

// NewPlaces loads the postcode table and holds the served area a. The catalogs (CatalogFor
// with its Area) and the conversation read the same area, so that replacing it (Area.Set)
// changes both at once.
func NewPlaces(a area.Area) (*postcode.Places, error) {
	t, err := postcode.Load()
	if err != nil {
		return nil, err
	}
	return &postcode.Places{Table: t, Area: area.NewLive(a)}, nil
}

// AreaStore keeps the served area with the directory; the store implements it.
type AreaStore interface {
	Area(ctx context.Context) (area.Area, error)
	SetArea(ctx context.Context, actor staff.Actor, a area.Area) (bool, error)
}

// StoredArea returns the area stored with the directory. When none is stored yet, it stores
// the shipped default first (as an empty directory is filled with the shipped offices) and
// reports that with seeded. The shipped default as an earlier version stored it (olderShipped)
// takes the shipped one (written to the audit log as the import's).
func StoredArea(ctx context.Context, st AreaStore) (a area.Area, seeded bool, err error) {
	a, err = st.Area(ctx)
	if shipped := seed.KasselArea(); err == nil && !reflect.DeepEqual(a, shipped) && olderShipped(a, shipped) {
		if _, err := st.SetArea(ctx, staff.ImportActor, shipped); err != nil {
			return a, false, fmt.Errorf("app: updating the shipped service area: %w", err)
		}
		return shipped, false, nil
	}
	if !errors.Is(err, directory.ErrNotFound) {
		return a, false, err
	}
	a = seed.KasselArea()
	if _, err := st.SetArea(ctx, staff.ImportActor, a); err != nil {
		return area.Area{}, false, fmt.Errorf("app: storing the default service area: %w", err)
	}
	return a, true, nil
}

// olderShipped says whether a is the shipped area as an earlier version stored it, never
// changed since: the same but for fewer districts, villages or arrival places (versions that
// knew none, or fewer), and villages that each named the municipality or postcode the
// shipped one places them at (area.Area.Village: before a village could name another of the
// file, "Ihringshausen" was at "34233"). An area changed by its operator (another field, a
// village of its own) is theirs and kept.
func olderShipped(a, shipped area.Area) bool {
	same := a
	same.Districts, same.Villages, same.Arrival = shipped.Districts, shipped.Villages, shipped.Arrival
	if !reflect.DeepEqual(same, shipped) {
		return false
	}
	for v, m := range a.Villages {
		if _, at := shipped.Village(v); m != shipped.Villages[v] && m != at {
			return false
		}
	}
	for _, d := range a.Districts {
		if !slices.Contains(shipped.Districts, d) {
			return false
		}
	}
	for _, p := range a.Arrival {
		if !slices.Contains(shipped.Arrival, p) {
			return false
		}
	}
	return true
}

// RefreshArea reads the stored area into live: another process (`directory import --area`)
// may have replaced it.
func RefreshArea(ctx context.Context, st AreaStore, live *area.Live) error {
	a, err := st.Area(ctx)
	if err != nil {
		return err
	}
	live.Set(a)
	return nil
}

// AreaHolidays reports whether a date is a public holiday in the state of the area in use:
// the area may change while the bot runs (another town imported), and its holidays with it.
func AreaHolidays(live *area.Live) func(date time.Time) bool {
	var mu sync.Mutex
	calendars := map[string]*holiday.Calendar{}
	return func(date time.Time) bool {
		state := live.Get().State
		mu.Lock()
		c, ok := calendars[state]
		if !ok {
			var err error
			if c, err = holiday.ForState(state); err != nil {
				c = nil // an area is validated on import: this cannot happen; no holidays then
			}
			calendars[state] = c
		}
		mu.Unlock()
		return c != nil && c.Is(date)
	}
}
