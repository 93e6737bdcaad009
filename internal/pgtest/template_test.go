package pgtest

import (
	"database/sql"
	"fmt"
	"testing"
	"time"
)

// TestFromTemplateFillsOnceAndCopies: the first database of a key is filled, every one after
// it is a copy of that fill, and the copies do not share what tests write into them.
func TestFromTemplateFillsOnceAndCopies(t *testing.T) {
	fills := 0
	fill := func(url string) error {
		fills++
		db, err := sql.Open("postgres", url)
		if err != nil {
			return err
		}
		defer db.Close()
		_, err = db.Exec(`CREATE TABLE t (n int); INSERT INTO t VALUES (1)`)
		return err
	}
	key := "pgtest " + randomHex()
	count := func(url string) int {
		db, err := sql.Open("postgres", url)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM t`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`INSERT INTO t VALUES (2)`); err != nil {
			t.Fatal(err)
		}
		return n
	}
	a, b := FromTemplate(t, key, fill), FromTemplate(t, key, fill)
	dropTemplate(t, key)
	if a == b || fills != 1 {
		t.Fatalf("two databases %q and %q, %d fills; want two databases of one fill", a, b, fills)
	}
	if na, nb := count(a), count(b); na != 1 || nb != 1 {
		t.Errorf("the copies hold %d and %d rows, want the template's one each", na, nb)
	}
}

// TestOldTemplatesAreDropped: templates made more than an hour ago go when one is made.
func TestOldTemplatesAreDropped(t *testing.T) {
	admin, err := adminURL()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("postgres", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	old := fmt.Sprintf("%s%d_%s", templatePrefix, time.Now().Add(-2*time.Hour).Unix(), randomHex())
	recent := fmt.Sprintf("%s%d_%s", templatePrefix, time.Now().Add(-time.Minute).Unix(), randomHex())
	for _, name := range []string{old, recent} {
		if _, err := db.Exec(`CREATE DATABASE ` + name); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { _, _ = db.Exec(`DROP DATABASE IF EXISTS ` + recent) })
	key := "pgtest " + randomHex()
	FromTemplate(t, key, func(string) error { return nil })
	dropTemplate(t, key)
	var left []string
	rows, err := db.Query(`SELECT datname FROM pg_database WHERE datname IN ($1, $2) ORDER BY datname`, old, recent)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		left = append(left, name)
	}
	if len(left) != 1 || left[0] != recent {
		t.Errorf("left %v, want only the recent template %s", left, recent)
	}
}

// dropTemplate drops the template of key when the test ends, after its copies.
func dropTemplate(t *testing.T, key string) {
	v, ok := templates.Load(key)
	if !ok {
		t.Fatalf("no template for %q", key)
	}
	admin, _ := adminURL()
	t.Cleanup(func() {
		db, err := sql.Open("postgres", admin)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(`DROP DATABASE ` + v.(*template).name); err != nil {
			t.Errorf("drop the template: %v", err)
		}
	})
}
