package store

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// prepared returns query as a prepared statement of the pool, prepared on first use. A
// statement sent with its parameters is parsed and planned on every call; a prepared one is
// parsed once per connection, and PostgreSQL settles on a generic plan after a few calls.
// Still one round trip per call (lib/pq binds and executes in one).
func (s *Store) prepared(ctx context.Context, query string) (*sqlx.Stmt, error) {
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	if st, ok := s.stmts[query]; ok {
		return st, nil
	}
	st, err := s.db.PreparexContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("store: prepare: %w", err)
	}
	if s.stmts == nil {
		s.stmts = map[string]*sqlx.Stmt{}
	}
	s.stmts[query] = st
	return st, nil
}
