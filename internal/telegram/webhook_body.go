package telegram

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// MaxWebhookBody is the largest webhook body read, 1 MiB: an update holds at most one
// message of 4,096 characters (or a button tap), far less. A larger body is refused with
// 413 and not read further.
const MaxWebhookBody = 1 << 20

// Why a webhook body is refused (400, or 413 when too large); each is the metric's reason.
var (
	errBodyTooLarge = errors.New("too_large")
	errNotUTF8      = errors.New("not_utf8")
	errNotObject    = errors.New("not_object")
	errBadJSON      = errors.New("bad_json")
	errTrailing     = errors.New("trailing_bytes")
	// errUnreadable is an update Telegram sent that does not decode (a field of another
	// type than the Bot API's, as a newer API may send): answered 200 and counted as
	// ignored, since Telegram would send it again and again on an error.
	errUnreadable = errors.New("unreadable")
)

// decodeUpdate reads a webhook body: exactly one JSON object in UTF-8, whitespace around it
// allowed, at most MaxWebhookBody bytes. Anything else is refused with one of the errors
// above, so nothing after the object is silently ignored.
func decodeUpdate(body io.Reader) (*models.Update, error) {
	data, err := io.ReadAll(io.LimitReader(body, MaxWebhookBody+1))
	if err != nil {
		return nil, fmt.Errorf("telegram: reading the webhook body: %w", err)
	}
	if len(data) > MaxWebhookBody {
		return nil, errBodyTooLarge
	}
	if !utf8.Valid(data) {
		return nil, errNotUTF8
	}
	if trimmed := bytes.TrimLeft(data, " \t\r\n"); len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, errNotObject
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var u models.Update
	if err := dec.Decode(&u); err != nil {
		if _, ok := readableID(data); ok {
			return nil, errUnreadable
		}
		return nil, errBadJSON
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errTrailing
	}
	return &u, nil
}

// readableID is the id of an update that does not decode as a whole (a field of another type
// than the Bot API's), when it is one JSON object with an id Telegram gives (above 0): such an
// update is confirmed and left out, by the poller and the webhook alike.
func readableID(raw []byte) (int64, bool) {
	var id struct {
		ID int64 `json:"update_id"`
	}
	if !json.Valid(raw) || json.Unmarshal(raw, &id) != nil || id.ID <= 0 {
		return 0, false
	}
	return id.ID, true
}

// readUpdate decodes a webhook request's update, or answers the request (413 or 400, the
// reason counted; 200 for an update that does not decode, counted as ignored) and returns
// false.
func (a *Adapter) readUpdate(w http.ResponseWriter, r *http.Request) (*models.Update, bool) {
	u, err := decodeUpdate(r.Body)
	if err == nil {
		return u, true
	}
	if errors.Is(err, errUnreadable) {
		a.metrics.Ignored.WithLabelValues(errUnreadable.Error()).Inc()
		a.log.Warn("telegram: a posted update cannot be read; acknowledged and left out")
		w.WriteHeader(http.StatusOK)
		return nil, false
	}
	status, reason := http.StatusBadRequest, "read_error"
	for _, known := range []error{errBodyTooLarge, errNotUTF8, errNotObject, errBadJSON, errTrailing} {
		if errors.Is(err, known) {
			reason = known.Error()
		}
	}
	if errors.Is(err, errBodyTooLarge) {
		status = http.StatusRequestEntityTooLarge
	}
	a.metrics.WebhookRefused.WithLabelValues(reason).Inc()
	http.Error(w, "bad update: "+reason, status)
	return nil, false
}
