package directory

import (
	"context"

	"github.com/kassel/wegweiser/internal/versioned"
)

// Live is the directory held in memory for matching: a Snapshot, read again whenever the
// directory's version moves (an import, a counsellor's edit, on any replica). Each turn tells
// it the version it read, or is written only over the version it used, so a change shows in
// the very next answer without a restart.
type Live struct {
	versioned.Copy[Snapshot]
}

// NewLive returns the directory in memory, read with load.
func NewLive(load func(ctx context.Context) (*Snapshot, error)) *Live {
	l := &Live{}
	l.Load = func(ctx context.Context) (*Snapshot, int64, error) {
		s, err := load(ctx)
		if err != nil {
			return nil, 0, err
		}
		return s, s.Version, nil
	}
	return l
}

// snapshot returns the copy, loading it the first time.
func (l *Live) snapshot(ctx context.Context) (*Snapshot, error) {
	s, _, err := l.Get(ctx)
	return s, err
}

// Match ranks the directory in memory for q.
func (l *Live) Match(ctx context.Context, q Query) (Matches, error) {
	s, err := l.snapshot(ctx)
	if err != nil {
		return Matches{}, err
	}
	return s.Match(ctx, q)
}

// Office returns an office by id from the copy in memory.
func (l *Live) Office(ctx context.Context, id string) (Office, error) {
	s, err := l.snapshot(ctx)
	if err != nil {
		return Office{}, err
	}
	return s.Office(ctx, id)
}
