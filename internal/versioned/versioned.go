// Package versioned holds a copy of stored data in memory at a version of it, loaded again
// when a newer version is seen: the directory for matching, the staff roster.
package versioned

import (
	"context"
	"sync"
	"sync/atomic"
)

// Copy is a T in memory. Load reads it with the version it is at; the zero Copy with Load
// set is ready for use, and safe for concurrent use.
type Copy[T any] struct {
	Load func(ctx context.Context) (*T, int64, error)
	cur  atomic.Pointer[at[T]]
	mu   sync.Mutex // one load at a time
}

type at[T any] struct {
	v       *T
	version int64
}

// Refresh makes sure the copy is at least at version; it loads again when it is older.
func (c *Copy[T]) Refresh(ctx context.Context, version int64) error {
	if a := c.cur.Load(); a != nil && a.version >= version {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if a := c.cur.Load(); a != nil && a.version >= version {
		return nil
	}
	v, n, err := c.Load(ctx)
	if err != nil {
		return err
	}
	c.cur.Store(&at[T]{v: v, version: n})
	return nil
}

// Get returns the copy and its version, loading it the first time.
func (c *Copy[T]) Get(ctx context.Context) (*T, int64, error) {
	if a := c.cur.Load(); a != nil {
		return a.v, a.version, nil
	}
	if err := c.Refresh(ctx, 0); err != nil {
		return nil, 0, err
	}
	a := c.cur.Load()
	return a.v, a.version, nil
}

// Version is the version of the copy, loading it the first time.
func (c *Copy[T]) Version(ctx context.Context) (int64, error) {
	_, n, err := c.Get(ctx)
	return n, err
}
