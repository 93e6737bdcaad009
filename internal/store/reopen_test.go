package store

import (
	"context"
	"strings"
	"testing"
	"time"
)

// A request to be told about a reopening is due once its office is open and takes new
// clients, is erased when done, with its chat (/delete) and after 90 days.
func TestReopenNotices(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	offices := readOffices(t,
		"closed,mbe,Closed,,,,,,,,,,de,,,,,,,",
		"full,mbe,Full,,,,,,,,,,de,,,,,,false,")
	until := time.Date(2027, 1, 6, 0, 0, 0, 0, time.UTC)
	offices[0].ClosedUntil = &until
	if _, err := st.ImportOffices(ctx, offices, false); err != nil {
		t.Fatal(err)
	}
	for _, n := range []ReopenNotice{
		{ChatKey: "c1", OfficeID: "closed", Chat: []byte("sealed-1"), Lang: "ar"},
		{ChatKey: "c1", OfficeID: "closed", Chat: []byte("sealed-1"), Lang: "uk"}, // asked again: one request
		{ChatKey: "c2", OfficeID: "full", Chat: []byte("sealed-2"), Lang: "de"},
		{ChatKey: "c3", OfficeID: "closed", Chat: []byte("sealed-3"), Lang: "so"},
	} {
		if err := st.AddReopenNotice(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	due := func(day time.Time) string {
		t.Helper()
		ns, err := st.ClaimReopenDue(ctx, day)
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, n := range ns {
			keys = append(keys, n.ChatKey+"/"+n.OfficeID+"/"+n.Lang)
		}
		return strings.Join(keys, " ")
	}
	if got := due(until); got != "" {
		t.Errorf("due on the last closed day: %q", got)
	}
	// The chat c3 is erased (/delete): its request goes with it.
	if _, err := st.WriteTurn(ctx, TurnWrite{ChatKey: "c3", State: []byte(`{}`)}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.WriteTurn(ctx, TurnWrite{ChatKey: "c3", Version: 1}); err != nil {
		t.Fatal(err)
	}
	if got := due(until.AddDate(0, 0, 1)); got != "c1/closed/uk" {
		t.Errorf("due the day after: %q", got)
	}
	if got := due(until.AddDate(0, 0, 1)); got != "" {
		t.Errorf("claimed twice: %q", got)
	}
	// An office whose closure was moved to begin later is open until then: due.
	if err := st.AddReopenNotice(ctx, ReopenNotice{ChatKey: "c4", OfficeID: "closed", Chat: []byte("sealed-4"), Lang: "ar"}); err != nil {
		t.Fatal(err)
	}
	later := until.AddDate(0, 0, -3)
	offices[0].ClosedFrom = &later
	if _, err := st.ImportOffices(ctx, offices, false); err != nil {
		t.Fatal(err)
	}
	if got := due(until.AddDate(0, 0, -5)); got != "c4/closed/ar" {
		t.Errorf("due before a closure's first day: %q", got)
	}
	if n, err := st.ExpireReopenNotices(ctx, time.Now().AddDate(0, 0, ReopenNoticeDays+1)); err != nil || n != 1 {
		t.Errorf("expired %d (%v), want the full office's request", n, err)
	}
	var left int
	if err := st.db.GetContext(ctx, &left, `SELECT count(*) FROM reopen_notices`); err != nil || left != 0 {
		t.Errorf("%d requests left (%v)", left, err)
	}
}

// A request given back (its message could not be queued) keeps the day it was asked for, so
// that giving it back does not keep it past 90 days.
func TestReopenNoticeGivenBackKeepsItsAge(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	if _, err := st.ImportOffices(ctx, readOffices(t, "open,mbe,Open,,,,,,,,,,de,,,,,,,"), false); err != nil {
		t.Fatal(err)
	}
	asked := time.Now().AddDate(0, 0, -80)
	if err := st.AddReopenNotice(ctx, ReopenNotice{ChatKey: "c1", OfficeID: "open", Chat: []byte("sealed"), Lang: "ar", CreatedAt: asked}); err != nil {
		t.Fatal(err)
	}
	due, err := st.ClaimReopenDue(ctx, time.Now())
	if err != nil || len(due) != 1 || due[0].CreatedAt.Sub(asked).Abs() > time.Second {
		t.Fatalf("claimed %+v, %v", due, err)
	}
	if err := st.AddReopenNotice(ctx, due[0]); err != nil { // given back
		t.Fatal(err)
	}
	if n, err := st.ExpireReopenNotices(ctx, time.Now().AddDate(0, 0, 11)); err != nil || n != 1 {
		t.Errorf("91 days after it was asked for, %d requests expired (%v), want the one given back", n, err)
	}
}
