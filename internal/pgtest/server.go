package pgtest

import (
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Server is a PostgreSQL server of one test's own, for tests that stop and start it (an
// outage). It is set up with the project's .ci/pg script, like `make test`'s server.
type Server struct {
	dir, script string
	port        string // "auto" until the first start has chosen one
	url         string
}

// NewServer creates and starts a server; it is stopped and removed when the test ends.
func NewServer(t testing.TB) *Server {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	script := filepath.Join(filepath.Dir(file), "..", "..", ".ci", "pg")
	dir, err := os.MkdirTemp("", "wegweiser-outage-pg-")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{dir: dir, script: script, port: "auto"}
	t.Cleanup(func() {
		_ = exec.Command(script, "stop", dir).Run()
		os.RemoveAll(dir)
	})
	s.Start(t)
	return s
}

// URL is the database's URL.
func (s *Server) URL() string { return s.url }

// Start starts the server (again).
func (s *Server) Start(t testing.TB) {
	t.Helper()
	cmd := exec.Command(s.script, "start", s.dir, s.port)
	cmd.Env = append(os.Environ(), "PG_FSYNC=off")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pgtest: start server: %v", err)
	}
	s.url = strings.TrimSpace(string(out))
	if u, err := url.Parse(s.url); err == nil {
		s.port = u.Port() // a restart comes back on the same port, where the clients look
	}
}

// Stop stops the server at once, cutting every connection.
func (s *Server) Stop(t testing.TB) {
	t.Helper()
	if out, err := exec.Command(s.script, "stop", s.dir).CombinedOutput(); err != nil {
		t.Fatalf("pgtest: stop server: %v %s", err, out)
	}
}
