// Package store keeps Wegweiser's data in PostgreSQL: the referral directory, conversation
// state and the bookkeeping of Telegram updates. It is the only package that speaks SQL.
package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// Store is the PostgreSQL store. It is safe for concurrent use.
type Store struct {
	db         *sqlx.DB
	migrations fs.FS
	// instance names this process as the holder of inbox and outbox rows.
	instance string

	stmtMu sync.Mutex
	stmts  map[string]*sqlx.Stmt // prepared statements by query (prepared.go)

	warmMu sync.Mutex // one Warm at a time (warm.go)

	turns turnBatcher // turns waiting to be written together (turnbatch.go)

	staffIDs *staffIDs // the staff accounts' Telegram ids, keyed and sealed (nil: no secret)
	maxConns int       // the pool's size
	// lease is how long inbox and outbox rows stay with this process without it renewing
	// them, as a PostgreSQL interval in leaseInterval.
	lease         time.Duration
	leaseInterval string
}

// MaxConns is the size of the connection pool unless WithMaxConns says otherwise.
const MaxConns = 20

// Option changes how Open connects, or what the store is given.
type Option func(*options)

type options struct {
	connector []func(*pq.Connector)
	secret    []byte
	maxConns  int
	lease     time.Duration
}

// WithMaxConns sizes the connection pool (MaxConns without it), which Warm opens in full.
// Tests, which start hundreds of short-lived stores, use a small one.
func WithMaxConns(n int) Option { return func(o *options) { o.maxConns = max(n, 1) } }

// WithDialer opens the store's connections with d (the load benchmark counts round trips on
// them).
func WithDialer(d pq.Dialer) Option {
	return func(o *options) { o.connector = append(o.connector, func(c *pq.Connector) { c.Dialer(d) }) }
}

// WithSecret gives the store the service secret (WEGWEISER_SECRET), from which it derives the
// keys of the staff accounts' Telegram ids (staffid.go). Without it, what reads or writes a
// staff account's Telegram id fails with ErrNoSecret.
func WithSecret(secret []byte) Option { return func(o *options) { o.secret = secret } }

// WithLease sets how long inbox and outbox rows stay with a process that stopped renewing
// them (Lease without it; at least a second): tests of replicas wait for a dead one's lease
// to run out.
func WithLease(d time.Duration) Option { return func(o *options) { o.lease = max(d, time.Second) } }

// Open connects to the database at url. It does not migrate: call Migrate or CheckSchema.
func Open(ctx context.Context, url string, migrations fs.FS, opts ...Option) (*Store, error) {
	connector, err := pq.NewConnector(withBinaryParameters(url))
	if err != nil {
		return nil, fmt.Errorf("store: open: %w", err)
	}
	o := options{maxConns: MaxConns, lease: Lease}
	for _, opt := range opts {
		opt(&o)
	}
	for _, f := range o.connector {
		f(connector)
	}
	ids, err := newStaffIDs(o.secret)
	if err != nil {
		return nil, fmt.Errorf("store: open: %w", err)
	}
	db := sqlx.NewDb(sql.OpenDB(connector), "postgres")
	db.SetMaxOpenConns(o.maxConns)
	db.SetMaxIdleConns(o.maxConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	id := make([]byte, 8)
	_, _ = rand.Read(id)
	s := &Store{db: db, migrations: migrations, instance: hex.EncodeToString(id), staffIDs: ids, maxConns: o.maxConns,
		lease: o.lease, leaseInterval: interval(o.lease)}
	if err := s.Ping(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the prepared statements and the connection pool.
func (s *Store) Close() error {
	s.stmtMu.Lock()
	for _, st := range s.stmts {
		_ = st.Close()
	}
	s.stmts = nil
	s.stmtMu.Unlock()
	return s.db.Close()
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("store: database unreachable: %w", err)
	}
	return nil
}

// ErrSchemaTooNew means the database was migrated by a newer Wegweiser than this one.
var ErrSchemaTooNew = errors.New("store: the database schema is newer than this program knows; upgrade Wegweiser")

// ErrSchemaOld means migrations are pending.
var ErrSchemaOld = errors.New("store: the database schema is out of date; run `wegweiser migrate`")

func (s *Store) provider() (*goose.Provider, error) {
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return nil, fmt.Errorf("store: migration lock: %w", err)
	}
	// Migrations written side by side may land out of number order (00008 before 00006):
	// each is independent of those numbered after it, so a database that has a later one
	// still takes an earlier one that arrived since.
	p, err := goose.NewProvider(goose.DialectPostgres, s.db.DB, s.migrations,
		goose.WithSessionLocker(locker), goose.WithDisableGlobalRegistry(true), goose.WithAllowOutofOrder(true))
	if err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	return p, nil
}

// SchemaVersions returns the version the database has and the newest this program knows.
func (s *Store) SchemaVersions(ctx context.Context) (current, known int64, err error) {
	p, err := s.provider()
	if err != nil {
		return 0, 0, err
	}
	sources := p.ListSources()
	if len(sources) > 0 {
		known = sources[len(sources)-1].Version
	}
	err = s.onOwnConn(func() (err error) { current, err = p.GetDBVersion(ctx); return err })
	if err != nil {
		return 0, known, fmt.Errorf("store: schema version: %w", err)
	}
	return current, known, nil
}

// Migrate applies pending migrations (several processes may call it at once: a lock in
// PostgreSQL serialises them) and returns how many it applied. It refuses to touch a schema
// newer than this program knows.
func (s *Store) Migrate(ctx context.Context) (int, error) {
	current, known, err := s.SchemaVersions(ctx)
	if err != nil {
		return 0, err
	}
	if current > known {
		return 0, fmt.Errorf("%w (database at %d, program knows up to %d)", ErrSchemaTooNew, current, known)
	}
	p, err := s.provider()
	if err != nil {
		return 0, err
	}
	results, err := p.Up(ctx)
	if err != nil {
		return 0, fmt.Errorf("store: migrate: %w", err)
	}
	return len(results), nil
}

// CheckSchema reports whether the database schema is exactly the one this program knows.
func (s *Store) CheckSchema(ctx context.Context) error {
	current, known, err := s.SchemaVersions(ctx)
	if err != nil {
		return err
	}
	switch {
	case current > known:
		return fmt.Errorf("%w (database at %d, program knows up to %d)", ErrSchemaTooNew, current, known)
	case current < known:
		return fmt.Errorf("%w (database at %d, program knows up to %d)", ErrSchemaOld, current, known)
	}
	// The newest is there; one that landed with a lower number may still be missing.
	p, err := s.provider()
	if err != nil {
		return err
	}
	var pending bool
	err = s.onOwnConn(func() (err error) { pending, err = p.HasPending(ctx); return err })
	if err != nil {
		return fmt.Errorf("store: schema version: %w", err)
	} else if pending {
		return fmt.Errorf("%w (database at %d lacks an earlier-numbered migration)", ErrSchemaOld, current)
	}
	return nil
}

// onOwnConn runs f, a migration library call that takes a connection of its own for a session
// lock. database/sql does not retry such a connection when it finds it broken, and after the
// server restarted the pool may still hold several, each discarded once tried: f is tried
// again while that is so, at most once for each connection that was idle.
func (s *Store) onOwnConn(f func() error) error {
	idle := s.db.Stats().Idle
	err := f()
	for tries := 0; err != nil && brokenConn(err) && tries < idle; tries++ {
		err = f()
	}
	return err
}

// brokenConn says whether err is a connection found broken (the server restarted since it
// was opened), after which another connection may well work.
func brokenConn(err error) bool {
	return errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone)
}

// withBinaryParameters asks lib/pq to send a statement's parameters with it, so that a
// parameterised statement costs one round trip, not two (prepare, then execute).
func withBinaryParameters(url string) string {
	if strings.Contains(url, "binary_parameters") {
		return url
	}
	sep := "?"
	if strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://") {
		if strings.Contains(url, "?") {
			sep = "&"
		}
		return url + sep + "binary_parameters=yes"
	}
	return url + " binary_parameters=yes" // key=value form
}

// interval is d as a PostgreSQL interval parameter ("90 seconds"), whole seconds.
func interval(d time.Duration) string { return fmt.Sprintf("%d seconds", int(d.Seconds())) }
