package telegram

import (
	"bytes"
	"io"
	"net/http"
)

// wholeBodies sends each request's body in one piece, with its length. The Bot API client
// streams its multipart form through a pipe, which net/http sends chunked, with one write to
// the socket (a system call) for every piece of the form: about ten per call, a quarter of
// the adapter's CPU time under load. The forms are small (a document is already in memory).
type wholeBodies struct{ next http.RoundTripper }

// formSize is room for a whole form at once: most calls' forms (a text and a keyboard) are
// smaller, and reading one into a growing buffer allocated it several times over.
const formSize = 4096

func (t wholeBodies) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body == nil || r.Body == http.NoBody || r.ContentLength > 0 {
		return t.next.RoundTrip(r)
	}
	buf := bytes.NewBuffer(make([]byte, 0, formSize))
	_, err := buf.ReadFrom(r.Body)
	_ = r.Body.Close()
	if err != nil {
		return nil, err
	}
	data := buf.Bytes()
	// A shallow copy: a RoundTripper leaves the caller's request as it was, and only the body's
	// fields differ (a deep copy cloned every header of every call).
	whole := r.WithContext(r.Context())
	whole.Body = io.NopCloser(bytes.NewReader(data))
	whole.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
	whole.ContentLength = int64(len(data))
	whole.TransferEncoding = nil
	return t.next.RoundTrip(whole)
}
