// Package pgtest gives tests a fresh, empty PostgreSQL database of their own on the server
// named by WEGWEISER_TEST_DATABASE_URL (`make test` starts a throwaway server and sets it).
// A test that needs the database fails, never skips, when the variable is missing.
package pgtest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/lib/pq" // the PostgreSQL driver
)

// EnvVar names the variable holding the admin URL of the test server.
const EnvVar = "WEGWEISER_TEST_DATABASE_URL"

// NewDatabase creates an empty database, drops it when the test ends and returns its URL.
func NewDatabase(t testing.TB) string {
	t.Helper()
	admin := os.Getenv(EnvVar)
	if admin == "" {
		t.Fatalf("%s is not set: run the tests with `make test`, which starts PostgreSQL", EnvVar)
	}
	db, err := sql.Open("postgres", admin)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "test_" + hex.EncodeToString(b)
	if _, err := db.Exec(`CREATE DATABASE ` + name); err != nil {
		db.Close()
		t.Fatalf("pgtest: create database: %v", err)
	}
	t.Cleanup(func() {
		defer db.Close()
		if _, err := db.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
			t.Logf("pgtest: drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}
