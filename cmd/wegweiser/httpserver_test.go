package main

import (
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

// A client that sends its request's body a byte at a time loses its connection once the
// read timeout has passed, instead of holding it for as long as it likes.
func TestSlowBodyIsCutOff(t *testing.T) {
	saved := readTimeout
	readTimeout = 300 * time.Millisecond
	defer func() { readTimeout = saved }()
	handled := make(chan error, 1)
	srv := httpServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, err := io.ReadAll(r.Body)
		handled <- err
	}))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "POST /staff/login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	// 100 bytes at one every 100 ms would take 10 s.
	for i := 0; i < 100; i++ {
		if _, err := conn.Write([]byte("a")); err != nil {
			break
		}
		select {
		case err := <-handled:
			if err == nil {
				t.Fatal("the whole slow body was read")
			}
			return // the server gave up reading it
		case <-time.After(100 * time.Millisecond):
		}
	}
	t.Fatal("the server still read the slow body after 10 s")
}
