// Package handover is the warm hand-over: a newcomer asks an office, from its result card, to
// contact them, and the bot relays messages between them and the office's counsellors, so that
// neither side learns the other's name, username or Telegram id. It holds the rules (who may
// ask, limits, working-day deadlines), the newcomer's side of the dialogue (Engine), and the
// operations the counsellors' side (package staff) calls. Like the other dialogues it says
// what to say as dialog messages and reads and writes through the Store it declares.
//
// What is kept: a thread per open request, holding the newcomer's chat id and the request's
// message sealed (AES-GCM, key derived from the service secret), the keyed hash of the chat,
// and the bounded facts the newcomer agreed to share (language, age band, topic). Messages
// relayed later are not kept: they go to the outbox (sealed too) until delivered.
package handover

import (
	"errors"
	"time"

	"github.com/kassel/wegweiser/internal/directory"
)

// The limits.
const (
	// MaxOpen is how many open requests one newcomer may have at once.
	MaxOpen = 3
	// MaxBody is how long a message passed on may be, in characters.
	MaxBody = 3000
	// MaxFileSize is the largest document passed on: letters and forms, not archives.
	MaxFileSize = 20 << 20
	// RemindAfter and GiveUpAfter are working days of the office: a request nobody took
	// reminds its counsellors after the first, and is closed, with the newcomer told, after
	// the second. The catalogs name them in words ("two", "five"; /privacy too): change
	// those with them.
	RemindAfter = 2
	GiveUpAfter = 5
	// RateWindow and RateMax limit the messages each side of a thread sends.
	RateWindow = time.Hour
	RateMax    = 20
)

// Status is where a thread is.
type Status string

// The statuses of an open thread; a closed thread is deleted.
const (
	StatusWaiting Status = "waiting" // sent to the office's counsellors, nobody took it yet
	StatusTaken   Status = "taken"   // a counsellor took it and relays
)

// Side is one end of a thread.
type Side string

// The sides.
const (
	SideNewcomer   Side = "newcomer"
	SideCounsellor Side = "counsellor"
)

// Thread is one open request and, once taken, the conversation it became.
type Thread struct {
	ID      int64
	Office  string
	ChatKey string // the keyed hash of the newcomer's chat
	Chat    []byte // the newcomer's chat id, sealed
	Request []byte // the request's message, sealed
	Lang    string
	AgeBand string
	Topic   directory.Topic
	Status  Status
	// Owner is the staff id of the counsellor who took it (0: nobody yet), OwnerName their name.
	Owner         int64
	OwnerName     string
	CreatedAt     time.Time
	TakenAt       *time.Time
	RemindedAt    *time.Time
	LastMessageAt time.Time
	Rates         map[Side]Rate
	// RequeuedAt is when the thread went back to its office, its counsellor gone (nil:
	// never): its outcome was counted when it was first taken.
	RequeuedAt *time.Time
	// Uncounted marks a request a staff member made, trying the hand-over: not a newcomer's,
	// so none of its steps is counted.
	Uncounted bool
}

// Counted says whether the thread's outcome (taken, declined, not taken in time) goes to the
// statistics: a newcomer's request, counted once.
func (t Thread) Counted() bool { return !t.Uncounted && t.RequeuedAt == nil }

// Rate is a side's message count in its current window.
type Rate struct {
	Since time.Time
	Count int
}

// Allow counts one more message at now and reports whether the side may send it: at most
// RateMax in a window of RateWindow, a new window starting with the first message after
// the last one ended.
func (r Rate) Allow(now time.Time) (Rate, bool) {
	if r.Since.IsZero() || !now.Before(r.Since.Add(RateWindow)) {
		return Rate{Since: now, Count: 1}, true
	}
	if r.Count >= RateMax {
		return r, false
	}
	return Rate{Since: r.Since, Count: r.Count + 1}, true
}

// NewThread is what a confirmed request stores.
type NewThread struct {
	Office, ChatKey string
	Chat, Request   []byte // sealed
	Lang, AgeBand   string
	Topic           directory.Topic
	At              time.Time
	Uncounted       bool // a staff member's request (Thread.Uncounted)
}

// Counsellor is an active counsellor account bound to an office.
type Counsellor struct {
	StaffID    int64
	TelegramID int64 // their private chat's id
	Name       string
}

// Ending says how a thread ended, for the audit log and the statistics.
type Ending string

// The endings a counsellor causes (the audit log names them); a newcomer's own ending, the
// deadline and retention leave no audit entry.
const (
	EndDeclinedFull  Ending = "declined: full"
	EndDeclinedWrong Ending = "declined: wrong office"
	EndClosed        Ending = "closed"
	EndBlocked       Ending = "blocked"
)

// Errors.
var (
	// ErrGone means the thread is closed, or never was.
	ErrGone = errors.New("handover: the thread is no longer open")
	// ErrTaken means another counsellor took the thread first.
	ErrTaken = errors.New("handover: the thread is taken by another counsellor")
)
