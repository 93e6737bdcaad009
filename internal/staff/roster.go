package staff

import (
	"context"

	"github.com/kassel/wegweiser/internal/versioned"
)

// Roster is who has an active staff account and which offices have an active counsellor, at
// a version of the stored staff accounts.
type Roster struct {
	Version int64
	// Members are the Telegram user ids with an active staff account.
	Members map[int64]bool
	// Counselled are the offices with at least one active counsellor account.
	Counselled map[string]bool
}

// LiveRoster is the roster held in memory, read again whenever its version moves (an
// invitation redeemed, an account revoked, an office bound, on any replica): a turn either
// reads the version with the chat's state, or is written only over the version it used.
type LiveRoster struct {
	versioned.Copy[Roster]
}

// NewLiveRoster returns the roster in memory, read with load.
func NewLiveRoster(load func(ctx context.Context) (*Roster, error)) *LiveRoster {
	l := &LiveRoster{}
	l.Load = func(ctx context.Context) (*Roster, int64, error) {
		r, err := load(ctx)
		if err != nil {
			return nil, 0, err
		}
		return r, r.Version, nil
	}
	return l
}

// Reachable returns which of the offices have an active counsellor account.
func (l *LiveRoster) Reachable(ctx context.Context, officeIDs []string) (map[string]bool, error) {
	r, _, err := l.Get(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, id := range officeIDs {
		if r.Counselled[id] {
			out[id] = true
		}
	}
	return out, nil
}
