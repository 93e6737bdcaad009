package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
)

// hotStatements are the statements of every update: recording it, reading and writing its
// turn, removing its delivered answers.
func hotStatements() []string {
	return []string{inboxAdd, readTurn, writeTurnStatement(turnInsert), writeTurnStatement(turnUpdate), writeTurns, outboxDone}
}

// Warm opens the pool's connections and prepares the statements of every update on each,
// before the first update is taken. Without it the first burst after a start (many people
// writing in the same second) waits while each connection is opened, a server process
// started for it, and every statement parsed on it: in the load benchmark that took the
// first hundred answers from tens to hundreds of milliseconds. Connections idle for five
// minutes are closed again (Open), so a burst after a quiet night opens some anew.
//
// One Warm runs at a time: each holds the connections it opened until the pool's are all
// open, so two at once (two adapters on one store) would each hold half and wait for the
// other's until their timeout, and every turn with them.
func (s *Store) Warm(ctx context.Context) error {
	// A connection another part of the process holds for long (a job) is not waited for.
	ctx, cancel := context.WithTimeout(ctx, warmTimeout)
	defer cancel()
	s.warmMu.Lock()
	defer s.warmMu.Unlock()
	var stmts []*sqlx.Stmt
	var read *sqlx.Stmt // the turn's read, which prepareOn also runs
	for _, q := range hotStatements() {
		st, err := s.prepared(ctx, q)
		if err != nil {
			return err
		}
		stmts = append(stmts, st)
		if q == readTurn {
			read = st
		}
	}
	// Each transaction holds its connection until all are open, so that the pool opens
	// the pool's size of them rather than reusing one.
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		txs  []*sql.Tx
		errs []error
	)
	for range s.maxConns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
			if err == nil {
				err = prepareOn(ctx, tx, stmts, read)
			}
			mu.Lock()
			defer mu.Unlock()
			if tx != nil {
				txs = append(txs, tx)
			}
			if err != nil {
				errs = append(errs, err)
			}
		}()
	}
	wg.Wait()
	for _, tx := range txs {
		_ = tx.Rollback() // the statements stay prepared on the connection
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("store: warm the connections: %w", err)
	}
	return nil
}

// warmTimeout bounds Warm: the bot starts without it rather than late.
const warmTimeout = 15 * time.Second

// prepareOn prepares stmts on tx's connection (they stay prepared there for the pool's
// statements after tx ends) and runs the turn's read once, for a chat that does not exist,
// so that the server has the tables it touches at hand.
func prepareOn(ctx context.Context, tx *sql.Tx, stmts []*sqlx.Stmt, read *sqlx.Stmt) error {
	for _, st := range stmts {
		if st == read {
			rows, err := tx.StmtContext(ctx, st.Stmt).QueryContext(ctx, "", 0, 0, true)
			if err != nil {
				return err
			}
			if err := rows.Close(); err != nil {
				return err
			}
			continue
		}
		// Preparing on the connection registers the statement with the pool's; closing the
		// transaction's copy leaves it there and reports a prepare that failed.
		if err := tx.StmtContext(ctx, st.Stmt).Close(); err != nil {
			return err
		}
	}
	return nil
}
