package conversation_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/directory"
)

// contacts says which offices can be asked to contact a newcomer, and what it was asked.
type contacts struct {
	yes   map[string]bool
	asked []string
	err   error
}

func (c *contacts) Contactable(_ context.Context, offices []directory.Office) (map[string]bool, error) {
	out := map[string]bool{}
	for _, o := range offices {
		c.asked = append(c.asked, o.ID)
		out[o.ID] = c.yes[o.ID]
	}
	return out, c.err
}

// The result card offers "ask them to contact me" under each office that can be asked, and
// only there; add-on services are not asked about.
func TestResultOffersContactWhereItCan(t *testing.T) {
	e := newEngine(t, nil)
	c := &contacts{yes: map[string]bool{"mbe-kassel": true}}
	e.Contact = c
	_, out := run(t, e, conversation.State{}, seq(ins(cmd("start", "")), adultResult))
	data := buttons(out)
	want := conversation.ContactButton(1, "mbe-kassel").Data
	if !slices.Contains(data, want) || want != "ho:ask:"+directory.Ref("mbe-kassel") {
		t.Fatalf("the result offers %v, want %s", data, want)
	}
	asks := 0
	for _, d := range data {
		if len(d) > 7 && d[:7] == "ho:ask:" {
			asks++
		}
	}
	if asks != 1 {
		t.Errorf("%d contact buttons, want 1: %v", asks, data)
	}
	if slices.Contains(c.asked, "abh") || slices.Contains(c.asked, "jugendamt") {
		t.Errorf("add-on services were asked about: %v", c.asked)
	}
	label := conversation.ContactButton(2, "x").Label
	if label.ID != "handover.button.ask" || label.Data["Number"] != 2 {
		t.Errorf("the label is %+v", label)
	}
	// When it cannot be known, the result is not said: the turn fails and is tried again.
	c.err = errors.New("database away")
	atPlace, _ := run(t, e, conversation.State{}, seq(ins(cmd("start", "")), toPlace))
	if _, _, err := e.Handle(context.Background(), atPlace, tap("place:skip")); err == nil {
		t.Error("a result was said without knowing which offices can be asked")
	}
}
