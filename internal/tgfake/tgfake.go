// Package tgfake is an in-process fake of the Telegram Bot API for tests. It runs an
// httptest.Server that the real github.com/go-telegram/bot client talks to:
//
//	fake := tgfake.New(t)
//	b, _ := bot.New("123:test", bot.WithServerURL(fake.URL()), bot.WithSkipGetMe(),
//		bot.WithHTTPClient(2*time.Second, &http.Client{Timeout: 10 * time.Second}))
//	fake.PushUpdate(tgfake.Command(42, "/start"))
//	go b.Start(ctx)
//	calls := fake.WaitFor(t, "sendMessage", 1, 5*time.Second)
//
// Every request (POST /bot<any token>/<method>, form-encoded as multipart/form-data the way the
// client does it) is recorded as a Call. Updates are queued with PushUpdate and friends and are
// handed out by getUpdates with Telegram's offset and long-poll semantics. FailNext and SetDelay
// inject errors and slowness. Texts and LastKeyboard summarise what a chat has been shown.
//
// With bot.Start, pass bot.WithHTTPClient with a poll timeout of at least two seconds: the
// client asks for a long-poll timeout of (poll timeout - 1s) in whole seconds, and a timeout of 0
// makes getUpdates answer at once, so the client would poll in a tight loop. The client also runs
// every handler in a goroutine of its own, so updates are handled in order only with
// bot.WithNotAsyncHandlers.
package tgfake

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

// Identity of the fake bot, as answered by getMe.
const (
	BotID        int64 = 1
	BotUsername        = "wegweiser_test_bot"
	BotFirstName       = "Wegweiser Test"
)

// BotUser returns the user getMe answers with.
func BotUser() models.User {
	return models.User{ID: BotID, IsBot: true, FirstName: BotFirstName, Username: BotUsername,
		CanJoinGroups: true}
}

// Call is one request the fake received.
type Call struct {
	Method    string            // canonical method name, e.g. "sendMessage"
	Params    map[string]string // form fields; nested objects (reply_markup, ...) as JSON text
	Files     map[string][]byte // uploaded files by form field name
	FileNames map[string]string // file names of the uploads by form field name
	At        time.Time         // when the request arrived
	Failed    bool              // answered with an error (injected, unknown method or invalid)
	MessageID int               // the id of the message a successful send created, else 0
}

// String renders the call on one line, for failure messages.
func (c Call) String() string {
	var b strings.Builder
	b.WriteString(c.At.Format("15:04:05.000"))
	b.WriteByte(' ')
	b.WriteString(c.Method)
	keys := make([]string, 0, len(c.Params))
	for k := range c.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := c.Params[k]
		if r := []rune(v); len(r) > 120 {
			v = string(r[:120]) + "…"
		}
		fmt.Fprintf(&b, " %s=%q", k, v)
	}
	keys = keys[:0]
	for k := range c.Files {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=<file %q, %d bytes>", k, c.FileNames[k], len(c.Files[k]))
	}
	if c.Failed {
		b.WriteString(" [failed]")
	}
	return b.String()
}

func (c Call) clone() Call {
	out := c
	out.Params = make(map[string]string, len(c.Params))
	for k, v := range c.Params {
		out.Params[k] = v
	}
	out.Files = make(map[string][]byte, len(c.Files))
	for k, v := range c.Files {
		out.Files[k] = bytes.Clone(v)
	}
	out.FileNames = make(map[string]string, len(c.FileNames))
	for k, v := range c.FileNames {
		out.FileNames[k] = v
	}
	return out
}

// Fault is an error answer: {"ok":false,"error_code":Code,"description":Description,
// "parameters":{"retry_after":RetryAfter,"migrate_to_chat_id":MigrateToChatID}}.
type Fault struct {
	Code            int
	Description     string // empty: a typical Telegram description for Code
	RetryAfter      int    // seconds; sent as parameters.retry_after when > 0
	MigrateToChatID int64  // sent as parameters.migrate_to_chat_id when != 0
}

// Server is the fake Telegram Bot API. All methods are safe for concurrent use.
type Server struct {
	t    testing.TB
	srv  *httptest.Server
	done chan struct{} // closed when the test ends, releasing long polls

	mu            sync.Mutex
	calls         []Call
	callsChanged  chan struct{} // closed and replaced whenever calls change
	pending       []queued      // undelivered or unconfirmed updates, sorted by id
	history       map[int64][]byte
	lastUpdateID  int64
	queueChanged  chan struct{} // closed and replaced whenever an update is queued
	lastMessageID int
	faults        map[string][]Fault       // by lower-case method name
	chatFaults    map[string]Fault         // every call to one chat fails so, by chat_id parameter
	delays        map[string]time.Duration // by lower-case method name
	webhookURL    string
	profile       profile // commands and descriptions the bot set (profile.go)
	// allowed are the update kinds the bot last asked for in getUpdates' allowed_updates (nil:
	// it never said; Telegram's default then, every kind but chat_member and reactions).
	allowed map[string]bool
}

// New starts a fake server; it is closed when the test ends.
func New(t testing.TB) *Server {
	t.Helper()
	s := &Server{
		t:            t,
		done:         make(chan struct{}),
		callsChanged: make(chan struct{}),
		queueChanged: make(chan struct{}),
		history:      map[int64][]byte{},
		faults:       map[string][]Fault{},
		chatFaults:   map[string]Fault{},
		delays:       map[string]time.Duration{},
		profile:      newProfile(),
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	t.Cleanup(func() {
		close(s.done)
		s.srv.Close()
	})
	return s
}

// URL is the base URL to pass to bot.WithServerURL.
func (s *Server) URL() string { return s.srv.URL }

// Calls returns copies of all recorded calls, oldest first.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Call, len(s.calls))
	for i, c := range s.calls {
		out[i] = c.clone()
	}
	return out
}

// CallsTo returns copies of the recorded calls to method (compared case-insensitively, as
// Telegram does), oldest first.
func (s *Server) CallsTo(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.callsToLocked(method)
}

func (s *Server) callsToLocked(method string) []Call {
	var out []Call
	for _, c := range s.calls {
		if strings.EqualFold(c.Method, method) {
			out = append(out, c.clone())
		}
	}
	return out
}

// WaitFor waits until at least n calls to method have been recorded and returns all calls to
// it. On timeout it fails the test, listing every call recorded so far. Call it from the test
// goroutine.
func (s *Server) WaitFor(t testing.TB, method string, n int, timeout time.Duration) []Call {
	t.Helper()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		s.mu.Lock()
		got := s.callsToLocked(method)
		changed := s.callsChanged
		s.mu.Unlock()
		if len(got) >= n {
			return got
		}
		select {
		case <-changed:
		case <-timer.C:
			all := s.Calls()
			var b strings.Builder
			for i, c := range all {
				fmt.Fprintf(&b, "\n  #%d %s", i+1, c)
			}
			if len(all) == 0 {
				b.WriteString(" none")
			}
			t.Fatalf("tgfake: waited %v for %d %s call(s), got %d; calls so far:%s",
				timeout, n, method, len(got), b.String())
			return got
		}
	}
}

// Reset forgets all recorded calls. Queued updates, faults and delays stay.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = nil
	s.notifyCallsLocked()
}

func (s *Server) record(c Call) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.recordLocked(c)
}

func (s *Server) recordLocked(c Call) {
	s.calls = append(s.calls, c)
	s.notifyCallsLocked()
}

func (s *Server) notifyCallsLocked() {
	close(s.callsChanged)
	s.callsChanged = make(chan struct{})
}

// FailNext makes the next n calls to method answer with error code, e.g. 429 (with
// parameters.retry_after set to retryAfter), 403 ("Forbidden: bot was blocked by the user"), 400
// or 500. Faults queue up behind earlier ones for the same method.
func (s *Server) FailNext(method string, n int, code int, retryAfter int) {
	s.FailNextWith(method, n, Fault{Code: code, RetryAfter: retryAfter})
}

// FailNextWith makes the next n calls to method answer with f, e.g. a 400 with the description
// "Bad Request: message is not modified".
func (s *Server) FailNextWith(method string, n int, f Fault) {
	if f.Description == "" {
		f.Description = defaultDescription(f.Code, f.RetryAfter)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	key := strings.ToLower(method)
	for i := 0; i < n; i++ {
		s.faults[key] = append(s.faults[key], f)
	}
}

// FailChat makes every call to one chat answer with error code (e.g. 429 with retryAfter
// seconds) until Heal: a chat that Telegram floods with 429s.
func (s *Server) FailChat(chatID int64, code, retryAfter int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.chatFaults[strconv.FormatInt(chatID, 10)] = Fault{Code: code, RetryAfter: retryAfter, Description: defaultDescription(code, retryAfter)}
}

// Heal drops every fault still queued: the Bot API answers normally again.
func (s *Server) Heal() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.faults)
	clear(s.chatFaults)
}

// SetDelay makes every later call to method wait d before it is answered (0 removes the delay).
// The wait ends early when the client gives up on the request.
func (s *Server) SetDelay(method string, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d <= 0 {
		delete(s.delays, strings.ToLower(method))
		return
	}
	s.delays[strings.ToLower(method)] = d
}

func defaultDescription(code, retryAfter int) string {
	switch code {
	case http.StatusBadRequest:
		return "Bad Request: chat not found"
	case http.StatusUnauthorized:
		return "Unauthorized"
	case http.StatusForbidden:
		return "Forbidden: bot was blocked by the user"
	case http.StatusNotFound:
		return "Not Found"
	case http.StatusConflict:
		return "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
	case http.StatusTooManyRequests:
		return fmt.Sprintf("Too Many Requests: retry after %d", retryAfter)
	}
	if t := http.StatusText(code); t != "" {
		return t
	}
	return "Internal Server Error"
}

type handlerFunc func(s *Server, p map[string]string, files map[string][]byte, names map[string]string) (any, *Fault)

// rawJSON is a result written verbatim (it may deliberately be malformed, see PushRaw).
type rawJSON []byte

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	at := time.Now()
	body, _ := io.ReadAll(r.Body) // always drain the body
	_ = r.Body.Close()

	name := methodFromPath(r.URL.Path)
	method, known := canonicalMethod(name)
	params, files, names, perr := parseParams(r, body)
	call := Call{Method: method, Params: params, Files: files, FileNames: names, At: at}

	s.mu.Lock()
	var fault *Fault
	if q := s.faults[strings.ToLower(method)]; len(q) > 0 {
		f := q[0]
		fault = &f
		s.faults[strings.ToLower(method)] = q[1:]
	} else if f, ok := s.chatFaults[params["chat_id"]]; ok && method != "getUpdates" {
		fault = &f
	}
	delay := s.delays[strings.ToLower(method)]
	s.mu.Unlock()

	if delay > 0 && !s.sleep(r.Context(), delay) {
		call.Failed = true
		s.record(call)
		return // the client is gone or the test is over
	}

	var result any
	switch {
	case fault != nil:
	case !known:
		fault = &Fault{Code: http.StatusNotFound, Description: "Not Found: method not found"}
	case perr != nil:
		fault = &Fault{Code: http.StatusBadRequest, Description: "Bad Request: " + perr.Error()}
	case method == "getUpdates":
		s.getUpdates(w, r, call) // records the call itself, before long-polling
		return
	default:
		result, fault = handlers[method](s, params, files, names)
	}
	call.Failed = fault != nil
	if m, ok := result.(*models.Message); ok && m != nil && fault == nil && !strings.HasPrefix(call.Method, "edit") {
		call.MessageID = m.ID
	}
	s.record(call)
	if fault != nil {
		writeFault(w, fault)
		return
	}
	writeResult(w, result)
}

func (s *Server) sleep(ctx context.Context, d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
	case <-s.done:
	}
	return false
}

func writeResult(w http.ResponseWriter, result any) {
	raw, ok := result.(rawJSON)
	if !ok {
		var err error
		raw, err = json.Marshal(result)
		if err != nil {
			writeFault(w, &Fault{Code: 500, Description: "Internal Server Error: tgfake: " + err.Error()})
			return
		}
	}
	w.Header().Set("Content-Type", "application/json")
	var b bytes.Buffer
	b.WriteString(`{"ok":true,"result":`)
	b.Write(raw)
	b.WriteString("}")
	_, _ = w.Write(b.Bytes())
}

func writeFault(w http.ResponseWriter, f *Fault) {
	type parameters struct {
		RetryAfter      int   `json:"retry_after,omitempty"`
		MigrateToChatID int64 `json:"migrate_to_chat_id,omitempty"`
	}
	answer := struct {
		OK          bool        `json:"ok"`
		ErrorCode   int         `json:"error_code"`
		Description string      `json:"description"`
		Parameters  *parameters `json:"parameters,omitempty"`
	}{ErrorCode: f.Code, Description: f.Description}
	if answer.Description == "" {
		answer.Description = defaultDescription(f.Code, f.RetryAfter)
	}
	if f.RetryAfter > 0 || f.MigrateToChatID != 0 {
		answer.Parameters = &parameters{RetryAfter: f.RetryAfter, MigrateToChatID: f.MigrateToChatID}
	}
	status := f.Code
	if status < 400 || status > 599 {
		status = http.StatusInternalServerError
	}
	data, _ := json.Marshal(answer)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

// methodFromPath takes the method out of /bot<token>/<method> (or /bot<token>/test/<method>).
func methodFromPath(path string) string {
	rest, ok := strings.CutPrefix(path, "/bot")
	if !ok {
		return ""
	}
	i := strings.LastIndexByte(rest, '/')
	if i < 0 {
		return ""
	}
	return rest[i+1:]
}

// parseParams reads the form: multipart/form-data (what the client sends), URL-encoded or JSON
// bodies and the query string.
func parseParams(r *http.Request, body []byte) (map[string]string, map[string][]byte, map[string]string, error) {
	params := map[string]string{}
	files := map[string][]byte{}
	names := map[string]string{}
	for k, v := range r.URL.Query() {
		params[k] = v[0]
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return params, files, names, nil // e.g. getMe: the client sends an empty body
	}
	mediaType, mtParams, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mediaType {
	case "multipart/form-data":
		mr := multipart.NewReader(bytes.NewReader(body), mtParams["boundary"])
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return params, files, names, fmt.Errorf("can't parse multipart form: %v", err)
			}
			data, err := io.ReadAll(part)
			if err != nil {
				return params, files, names, fmt.Errorf("can't parse multipart form: %v", err)
			}
			if part.FileName() != "" {
				files[part.FormName()] = data
				names[part.FormName()] = part.FileName()
			} else {
				params[part.FormName()] = string(data)
			}
		}
	case "application/x-www-form-urlencoded":
		values, err := url.ParseQuery(string(body))
		if err != nil {
			return params, files, names, fmt.Errorf("can't parse form: %v", err)
		}
		for k, v := range values {
			params[k] = v[0]
		}
	case "application/json":
		var m map[string]json.RawMessage
		if err := json.Unmarshal(body, &m); err != nil {
			return params, files, names, fmt.Errorf("can't parse JSON object: %v", err)
		}
		for k, v := range m {
			var str string
			if json.Unmarshal(v, &str) == nil {
				params[k] = str
			} else {
				params[k] = string(v)
			}
		}
	default:
		return params, files, names, fmt.Errorf("unsupported content type %q", mediaType)
	}
	return params, files, names, nil
}
