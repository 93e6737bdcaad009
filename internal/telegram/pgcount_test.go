package telegram

import (
	"context"
	"encoding/binary"
	"io"
	"net"
	"net/url"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"testing"
)

// pgCounter is a TCP relay between the store and PostgreSQL that counts round trips on the
// wire, for the load benchmark: the store is opened on the relay's address and changes in
// nothing else.
//
// A round trip is counted for each ReadyForQuery message ('Z') the server sends. In the
// PostgreSQL protocol the client waits for ReadyForQuery after every simple query and after
// every Sync of the extended protocol, and lib/pq always waits for it before it sends the
// next statement; so the count is exactly the number of times the client waited for the
// server: a statement sent with its parameters (binary_parameters) counts once, a statement
// prepared and then executed counts twice, BEGIN and COMMIT count once each, and opening a
// connection counts once (its startup ends with ReadyForQuery; connections are also counted
// on their own). Statements are not parsed: no query text or data is looked at.
type pgCounter struct {
	ln     net.Listener
	target string
	conns  atomic.Int64 // connections opened to PostgreSQL
	trips  atomic.Int64 // ReadyForQuery messages relayed
	wg     sync.WaitGroup
}

// newPGCounter relays to the server of dbURL and returns the relay and the URL to open
// instead. The URL must not ask for TLS (the relay reads the server's messages).
func newPGCounter(tb testing.TB, dbURL string) (*pgCounter, string) {
	tb.Helper()
	u, err := url.Parse(dbURL)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	if q.Get("sslmode") != "disable" {
		tb.Fatalf("pgcount: the database URL must have sslmode=disable, got %q", q.Get("sslmode"))
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	c := &pgCounter{ln: ln, target: u.Host}
	c.wg.Add(1)
	go c.accept()
	tb.Cleanup(func() { ln.Close(); c.wg.Wait() })
	u.Host = ln.Addr().String()
	return c, u.String()
}

func (c *pgCounter) accept() {
	defer c.wg.Done()
	pprof.SetGoroutineLabels(pprof.WithLabels(context.Background(), pprof.Labels("part", "pg-relay")))
	for {
		client, err := c.ln.Accept()
		if err != nil {
			return
		}
		server, err := net.Dial("tcp", c.target)
		if err != nil {
			client.Close()
			continue
		}
		c.conns.Add(1)
		c.wg.Add(2)
		go func() { defer c.wg.Done(); relay(server, client, nil) }()
		go func() { defer c.wg.Done(); relay(client, server, &zCounter{n: &c.trips}) }()
	}
}

// relay copies from src to dst until either side closes, then closes both; count (if any)
// reads the bytes as they pass.
func relay(dst, src net.Conn, count *zCounter) {
	defer dst.Close()
	defer src.Close()
	if count == nil {
		_, _ = io.Copy(dst, src)
		return
	}
	buf := make([]byte, 64<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			count.scan(buf[:n])
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return // the other side closed, or the run is over
		}
	}
}

// zCounter follows the framing of the server's messages (a type byte, then a four-byte
// length that counts itself and the body) across reads and counts the ReadyForQuery ones.
type zCounter struct {
	hdr  [5]byte
	have int // header bytes read of the current message
	skip int // body bytes of the current message still to pass
	n    *atomic.Int64
}

func (z *zCounter) scan(p []byte) {
	for len(p) > 0 {
		if z.skip > 0 {
			k := min(z.skip, len(p))
			z.skip -= k
			p = p[k:]
			continue
		}
		k := copy(z.hdr[z.have:], p)
		z.have += k
		p = p[k:]
		if z.have < len(z.hdr) {
			return
		}
		if z.hdr[0] == 'Z' {
			z.n.Add(1)
		}
		z.skip = int(binary.BigEndian.Uint32(z.hdr[1:])) - 4
		z.have = 0
	}
}
