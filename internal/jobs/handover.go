package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/store"
)

// HandoverWork is the hand-over's scheduled work: reminders, requests nobody took, retention
// (handover.Engine).
type HandoverWork interface {
	Due(ctx context.Context, now time.Time) (dialog.Output, error)
}

// Sender delivers messages no turn caused, through the outbox (the Telegram adapter).
type Sender interface {
	Send(ctx context.Context, msgs []dialog.Outgoing) error
}

// EventRecorder stores anonymous events no turn caused.
type EventRecorder interface {
	RecordEvents(ctx context.Context, events []store.Event) error
}

// Handover does the hand-over's work due at now: it sends what it says, also when it stopped
// half-way, records its events as days in zone, and returns how many messages it sent.
func Handover(ctx context.Context, h HandoverWork, send Sender, rec EventRecorder, now time.Time, zone *time.Location) (int, error) {
	out, err := h.Due(ctx, now)
	day := directory.DateIn(now, zone)
	events := make([]store.Event, len(out.Events))
	for i, e := range out.Events {
		events[i] = store.Event{Day: day, Kind: e.Kind, Dims: e.Dims}
	}
	errSend := send.Send(ctx, out.Others)
	errRec := rec.RecordEvents(ctx, events)
	if errSend != nil {
		return 0, errors.Join(err, errSend, errRec)
	}
	return len(out.Others), errors.Join(err, errRec)
}
