package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/area"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/seed"
	"github.com/kassel/wegweiser/internal/staff"
)

// TestServiceArea: none at first; set, read back as it was, unchanged when set again, replaced
// by another town's, each change in the audit log; an invalid area is refused.
func TestServiceArea(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	if _, err := st.Area(ctx); !errors.Is(err, directory.ErrNotFound) {
		t.Fatalf("Area on a new database = %v, want ErrNotFound", err)
	}
	kassel := seed.KasselArea()
	for i, want := range []bool{true, false} {
		changed, err := st.SetArea(ctx, staff.ImportActor, kassel)
		if err != nil || changed != want {
			t.Fatalf("SetArea #%d = %v, %v; want changed %v", i+1, changed, err, want)
		}
	}
	got, err := st.Area(ctx)
	if err != nil || !reflect.DeepEqual(got, kassel) {
		t.Fatalf("Area = %+v, %v\nwant %+v", got, err, kassel)
	}
	other := area.Area{Name: "Musterstadt", Latitude: 51.53, Longitude: 9.93, State: "NI", RadiusKm: 15}
	if changed, err := st.SetArea(ctx, staff.ImportActor, other); err != nil || !changed {
		t.Fatalf("SetArea(other) = %v, %v", changed, err)
	}
	if got, err := st.Area(ctx); err != nil || !reflect.DeepEqual(got, other) {
		t.Fatalf("Area = %+v, %v\nwant %+v", got, err, other)
	}
	log, err := st.Audit(ctx, areaAuditID, time.Time{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]int{}
	for _, e := range log {
		fields[e.Field]++
	}
	// Set once for Kassel (every field new), once for the other town (every field but none).
	want := map[string]int{"name": 2, "names": 2, "latitude": 2, "longitude": 2, "state": 2, "postcodes": 2, "radius_km": 1, "districts": 2, "villages": 2, "arrival": 2}
	if !reflect.DeepEqual(fields, want) {
		t.Errorf("audit fields %v, want %v", fields, want)
	}
	bad := other
	bad.State = "XX"
	if _, err := st.SetArea(ctx, staff.ImportActor, bad); err == nil {
		t.Error("an area with an unknown state was stored")
	}
}
