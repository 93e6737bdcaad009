package directory

import (
	"context"
	"sync"
	"sync/atomic"
)

// Live is the directory held in memory for matching: a Snapshot, read again whenever the
// directory's version moves (an import, a counsellor's edit, on any replica). Each turn tells
// it the version it read, so a change shows in the very next answer without a restart.
type Live struct {
	// Load reads the whole directory with its version.
	Load func(ctx context.Context) (*Snapshot, error)
	cur  atomic.Pointer[Snapshot]
	mu   sync.Mutex // one load at a time
}

// Refresh makes sure the copy is at least at version; it loads again when it is older.
func (l *Live) Refresh(ctx context.Context, version int64) error {
	if s := l.cur.Load(); s != nil && s.Version >= version {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if s := l.cur.Load(); s != nil && s.Version >= version {
		return nil
	}
	s, err := l.Load(ctx)
	if err != nil {
		return err
	}
	l.cur.Store(s)
	return nil
}

// snapshot returns the copy, loading it the first time.
func (l *Live) snapshot(ctx context.Context) (*Snapshot, error) {
	if s := l.cur.Load(); s != nil {
		return s, nil
	}
	if err := l.Refresh(ctx, 0); err != nil {
		return nil, err
	}
	return l.cur.Load(), nil
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
