package main

import (
	"net/http"
	"time"
)

// The HTTP server's limits: a request's headers must arrive within headerTimeout and the whole
// request within readTimeout (a directory file of 5 MB over a slow mobile upload takes less),
// its answer be written within writeTimeout, and an idle kept-alive connection is closed after
// idleTimeout. Without them a client that sends a body a byte at a time holds its connection
// and goroutine for as long as it likes (the sign-in form is open to anyone).
var (
	headerTimeout = 10 * time.Second
	readTimeout   = 2 * time.Minute
	writeTimeout  = 2 * time.Minute
	idleTimeout   = 2 * time.Minute
)

// httpServer is the server of the health, metrics and webhook endpoints and the staff console.
func httpServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: headerTimeout, ReadTimeout: readTimeout,
		WriteTimeout: writeTimeout, IdleTimeout: idleTimeout}
}
