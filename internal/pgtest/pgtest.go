// Package pgtest gives tests a fresh, empty PostgreSQL database of their own on the server
// named by WEGWEISER_TEST_DATABASE_URL (`make test` starts a throwaway server and sets it).
// A test that needs the database fails, never skips, when the variable is missing.
package pgtest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/lib/pq" // the PostgreSQL driver
)

// EnvVar names the variable holding the admin URL of the test server.
const EnvVar = "WEGWEISER_TEST_DATABASE_URL"

// NewDatabase creates an empty database, drops it when the test ends and returns its URL.
func NewDatabase(t testing.TB) string {
	t.Helper()
	return newDatabase(t, "")
}

// newDatabase creates a database with CREATE DATABASE's options (a template), drops it when
// the test ends and returns its URL.
func newDatabase(t testing.TB, options string) string {
	t.Helper()
	admin, err := adminURL()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("postgres", admin)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	name := "test_" + randomHex()
	if _, err := db.Exec(`CREATE DATABASE ` + name + ` ` + options); err != nil {
		db.Close()
		t.Fatalf("pgtest: create database: %v", err)
	}
	t.Cleanup(func() {
		defer db.Close()
		if _, err := db.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
			t.Logf("pgtest: drop database %s: %v", name, err)
		}
	})
	return withDatabase(admin, name)
}

// adminURL is the URL of the test server (EnvVar).
func adminURL() (string, error) {
	admin := os.Getenv(EnvVar)
	if admin == "" {
		return "", fmt.Errorf("%s is not set: run the tests with `make test`, which starts PostgreSQL", EnvVar)
	}
	if _, err := url.Parse(admin); err != nil {
		return "", fmt.Errorf("pgtest: %s: %w", EnvVar, err)
	}
	return admin, nil
}

// withDatabase is the URL admin with another database.
func withDatabase(admin, name string) string {
	u, _ := url.Parse(admin) // parsed by adminURL before
	u.Path = "/" + name
	return u.String()
}

func randomHex() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// FromTemplate is NewDatabase holding what fill puts into an empty database: the first call
// of a test binary for a key creates a template database, fills it (fill gets its URL and
// must close what it opened on it), and every call copies the template, which takes a
// fraction of migrating and filling anew. Templates older than an hour, left by test binaries
// that have ended, are dropped when a new one is made.
func FromTemplate(t testing.TB, key string, fill func(url string) error) string {
	t.Helper()
	v, _ := templates.LoadOrStore(key, &template{})
	tmpl := v.(*template)
	tmpl.once.Do(func() { tmpl.name, tmpl.err = makeTemplate(fill) })
	if tmpl.err != nil {
		t.Fatalf("pgtest: template %q: %v", key, tmpl.err)
	}
	return newDatabase(t, "TEMPLATE "+tmpl.name)
}

// templates are FromTemplate's, by key.
var templates sync.Map

type template struct {
	once sync.Once
	name string
	err  error
}

// templatePrefix names the template databases; the Unix time of their making follows.
const templatePrefix = "tmpl_"

func makeTemplate(fill func(url string) error) (string, error) {
	admin, err := adminURL()
	if err != nil {
		return "", err
	}
	db, err := sql.Open("postgres", admin)
	if err != nil {
		return "", err
	}
	defer db.Close()
	dropOldTemplates(db)
	name := fmt.Sprintf("%s%d_%s", templatePrefix, time.Now().Unix(), randomHex())
	if _, err := db.Exec(`CREATE DATABASE ` + name); err != nil {
		return "", err
	}
	if err := fill(withDatabase(admin, name)); err != nil {
		_, _ = db.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
		return "", err
	}
	return name, nil
}

// dropOldTemplates drops the templates made more than an hour ago (a test binary runs for
// minutes); those in use stay.
func dropOldTemplates(db *sql.DB) {
	rows, err := db.Query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, templatePrefix+"%")
	if err != nil {
		return
	}
	var old []string
	for rows.Next() {
		var name string
		if rows.Scan(&name) != nil {
			continue
		}
		made, _, _ := strings.Cut(strings.TrimPrefix(name, templatePrefix), "_")
		if sec, err := strconv.ParseInt(made, 10, 64); err == nil && time.Since(time.Unix(sec, 0)) > time.Hour {
			old = append(old, name)
		}
	}
	rows.Close()
	for _, name := range old {
		_, _ = db.Exec(`DROP DATABASE IF EXISTS ` + name)
	}
}
