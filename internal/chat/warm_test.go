package chat

import (
	"context"
	"testing"

	"github.com/kassel/wegweiser/internal/conversation"
)

// warmPlaces counts the calls of Warm; its other methods are never called here.
type warmPlaces struct {
	conversation.Places
	warmed int
}

func (w *warmPlaces) Warm() { w.warmed++ }

// TestWarmBuildsThePlaceIndex: a start warms the places (their index by name), so that the
// first place question answered after it does not wait for the index to be built.
func TestWarmBuildsThePlaceIndex(t *testing.T) {
	places := &warmPlaces{}
	r := &Runner{Engine: &conversation.Engine{Places: places}}
	if err := r.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	if places.warmed != 1 {
		t.Fatalf("Warm warmed the places %d times, want 1", places.warmed)
	}
}
