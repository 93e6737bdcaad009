package staff

import (
	"errors"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/directory"
)

// FuzzTypedField: a value a counsellor types for a field is either refused with a
// validation code the catalogs explain, or normalised to a value that reads as itself and
// can be saved into an office (a name makes a new office instead).
func FuzzTypedField(f *testing.F) {
	fields := []Field{FieldPhone, FieldEmail, FieldWebsite, FieldAddress, FieldPosition, FieldHours, FieldNote, FieldName}
	e := &Engine{Now: func() time.Time { return time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC) }}
	f.Fuzz(func(t *testing.T, value string) {
		for _, field := range fields {
			v, err := e.normalize(field, value)
			if err != nil {
				var inv *directory.Invalid
				if !errors.As(err, &inv) || inv.Code == "" {
					t.Fatalf("%s: %q refused without a code: %v", field, value, err)
				}
				continue
			}
			if again, err := e.normalize(field, v); v != "" && (err != nil || again != v) { // "" clears the field
				t.Fatalf("%s: %q → %q → %q, %v", field, value, v, again, err)
			}
			var o directory.Office
			if known, err := setField(&o, field, v, nil); field != FieldName && (!known || err != nil) {
				t.Fatalf("%s: the normalised %q cannot be saved: %v", field, v, err)
			}
		}
	})
}
