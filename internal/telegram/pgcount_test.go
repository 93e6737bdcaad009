package telegram

import (
	"context"
	"encoding/binary"
	"net"
	"sync/atomic"
	"time"
)

// pgCounter dials the store's connections to PostgreSQL and counts round trips on the wire,
// for the load benchmark: the store is opened with it as its dialer (store.WithDialer) and
// changes in nothing else. It reads the bytes the driver reads, in the driver's own reads: no
// relay, no extra hop or copy, so counting costs the measured bots next to nothing.
//
// A round trip is counted for each ReadyForQuery message ('Z') the server sends. In the
// PostgreSQL protocol the client waits for ReadyForQuery after every simple query and after
// every Sync of the extended protocol, and lib/pq always waits for it before it sends the
// next statement; so the count is exactly the number of times the client waited for the
// server: a statement sent with its parameters (binary_parameters) counts once, a statement
// prepared and then executed counts twice, BEGIN and COMMIT count once each, and opening a
// connection counts once (its startup ends with ReadyForQuery; connections are also counted
// on their own). Statements are not parsed: no query text or data is looked at. The
// connection must not use TLS (the bytes would be encrypted).
type pgCounter struct {
	conns atomic.Int64 // connections opened to PostgreSQL
	trips atomic.Int64 // ReadyForQuery messages read
}

// Dial, DialTimeout and DialContext implement pq.Dialer and pq.DialerContext.
func (c *pgCounter) Dial(network, address string) (net.Conn, error) {
	return c.DialContext(context.Background(), network, address)
}

func (c *pgCounter) DialTimeout(network, address string, timeout time.Duration) (net.Conn, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	return c.DialContext(ctx, network, address)
}

func (c *pgCounter) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, network, address)
	if err != nil {
		return nil, err
	}
	c.conns.Add(1)
	return &countedConn{Conn: conn, z: zCounter{n: &c.trips}}, nil
}

// countedConn is a connection whose reads are counted. lib/pq reads from one goroutine at a
// time, so the counter's framing state needs no lock.
type countedConn struct {
	net.Conn
	z zCounter
}

func (c *countedConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.z.scan(p[:n])
	return n, err
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
