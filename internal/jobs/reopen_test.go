package jobs

import (
	"context"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/seal"
	"github.com/kassel/wegweiser/internal/store"
)

type sent struct{ msgs []dialog.Outgoing }

func (s *sent) Send(_ context.Context, msgs []dialog.Outgoing) error {
	s.msgs = append(s.msgs, msgs...)
	return nil
}

// The one message goes out the day the office is open again, to the sealed chat, in the
// language asked in, and only once.
func TestReopenTellsOnceWhenTheOfficeIsOpen(t *testing.T) {
	ctx := context.Background()
	st := newStore(t, directorytest.File("closed,mbe,MBE Zu,,,,,,,0561 111111,,,de,,,,,,,"))
	o, err := st.Office(ctx, "closed")
	if err != nil {
		t.Fatal(err)
	}
	until := time.Date(2027, 1, 6, 0, 0, 0, 0, time.UTC)
	o.ClosedUntil = &until
	if _, err := st.ImportOffices(ctx, []directory.Office{o}, false); err != nil {
		t.Fatal(err)
	}
	box, err := seal.New([]byte("test-secret-test-secret"), "reopen")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.AddReopenNotice(ctx, store.ReopenNotice{ChatKey: "k", OfficeID: "closed", Chat: box.Seal([]byte("4242")), Lang: "ar"}); err != nil {
		t.Fatal(err)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	var out sent
	if n, err := Reopen(ctx, st, &out, box, time.Date(2027, 1, 6, 12, 0, 0, 0, berlin), berlin); err != nil || n != 0 {
		t.Fatalf("on the last closed day: %d, %v", n, err)
	}
	for range 2 {
		if _, err := Reopen(ctx, st, &out, box, time.Date(2027, 1, 7, 8, 0, 0, 0, berlin), berlin); err != nil {
			t.Fatal(err)
		}
	}
	if len(out.msgs) != 1 || out.msgs[0].ChatID != 4242 || out.msgs[0].Lang != "ar" ||
		out.msgs[0].Message.Lines[0].ID != "notify.open" {
		t.Fatalf("sent %+v, want one message to 4242 in Arabic", out.msgs)
	}
}
