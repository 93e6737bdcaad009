package jobs

import (
	"context"
	"time"

	"github.com/kassel/wegweiser/internal/directory"
)

// RollUpGrace is how long after midnight a day still counts as open: a turn that began
// before midnight may still be writing that day's events. The roll-up takes a day only
// after it.
const RollUpGrace = time.Hour

// StatsStore is what the statistics job needs of the database.
type StatsStore interface {
	RollOverMonths(ctx context.Context, today time.Time) (int64, error)
	RollUp(ctx context.Context, before time.Time) (int, error)
	UnlinkEnded(ctx context.Context, before time.Time) (int64, error)
}

// Rolled says what the statistics job did: the person keys it dropped, the days it rolled
// up, and the events it unlinked from their conversation.
type Rolled struct {
	Keys     int64
	Days     int
	Unlinked int64
}

// Statistics keeps the statistics' roll-ups current: it drops the person keys of the months
// that are over (keeping their counts), rolls up every day that is over, in zone (where the
// offices are, and where the statistics' days begin), and takes the conversation id from
// the events of conversations that ended more than retentionDays ago (store.UnlinkEnded: no
// stored conversation goes on with it, and their days are rolled up for good). Run daily,
// after the retention (Retain); a day is rolled up once however often it runs, on however
// many replicas.
func Statistics(ctx context.Context, st StatsStore, now time.Time, zone *time.Location, retentionDays int) (Rolled, error) {
	var r Rolled
	var err error
	if r.Keys, err = st.RollOverMonths(ctx, directory.DateIn(now, zone)); err != nil {
		return r, err
	}
	if r.Days, err = st.RollUp(ctx, directory.DateIn(now.Add(-RollUpGrace), zone)); err != nil {
		return r, err
	}
	r.Unlinked, err = st.UnlinkEnded(ctx, directory.DateIn(now, zone).AddDate(0, 0, -retentionDays))
	return r, err
}
