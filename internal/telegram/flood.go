package telegram

import (
	"context"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/kassel/wegweiser/internal/dialog"
)

// FloodPolicy is the per-chat flood limit: a token bucket per chat that holds Burst updates
// and refills at PerMinute. An update that finds the bucket empty is over the limit.
type FloodPolicy struct {
	PerMinute int // updates a chat may send per minute, on average; below 0: no limit
	Burst     int // updates a chat may send in a row
	MaxChats  int // chats remembered at once (memory bound); idle ones are forgotten first
}

// DefaultFlood allows a chat 20 updates in a row and then 30 a minute (one every two
// seconds): a person taps and types far slower, a counsellor ticking 15 languages stays
// within it, and a script sending hundreds a minute costs at most that much.
var DefaultFlood = FloodPolicy{PerMinute: 30, Burst: 20, MaxChats: 100000}

// NoFloodLimit turns the limit off (the load benchmark's simulated users are scripts).
var NoFloodLimit = FloodPolicy{PerMinute: -1}

// floodVerdict is what the limiter says about one update.
type floodVerdict int

const (
	floodAllow floodVerdict = iota // within the limit
	floodWarn                      // the first over the limit since the chat was last quiet: answer once
	floodDrop                      // over the limit again: drop without a word
	floodAgain                     // fetched again, and dropped when first counted: drop, count nothing
)

// maxCounted is how many update ids the limiter remembers having counted, in each of its
// two generations: far more than the batches in hand, which are what is fetched again.
const maxCounted = 50000

// floodLimiter keeps a token bucket per chat key, in memory (per process). A chat whose
// bucket has refilled completely is as good as new and may be forgotten, which bounds memory.
type floodLimiter struct {
	policy FloodPolicy
	now    func() time.Time

	mu     sync.Mutex
	chats  map[string]*bucket
	swept  time.Time
	refill time.Duration // time to refill an empty bucket
	// counted are the updates counted lately, and whether each was dropped: while the
	// database is away, a batch that could not be recorded is fetched again and again
	// (Telegram posts it again to a webhook), and its updates must keep their first verdict
	// rather than count at every fetch. Two generations bound the memory: when the newer
	// is full, the older is forgotten.
	counted, older map[int64]bool
}

type bucket struct {
	tokens float64
	at     time.Time // when tokens was computed
	warned bool      // the chat was told to slow down in this flood
	// erased: an erasure went past the limit, and nothing was let in since that could have
	// stored anything for it to erase.
	erased bool
}

func newFloodLimiter(p FloodPolicy, now func() time.Time) *floodLimiter {
	if p.PerMinute == 0 {
		p.PerMinute = DefaultFlood.PerMinute
	}
	if p.Burst <= 0 {
		p.Burst = DefaultFlood.Burst
	}
	if p.MaxChats <= 0 {
		p.MaxChats = DefaultFlood.MaxChats
	}
	l := &floodLimiter{policy: p, now: now, chats: map[string]*bucket{}, counted: map[int64]bool{}}
	if p.PerMinute > 0 {
		l.refill = time.Duration(float64(p.Burst) / float64(p.PerMinute) * float64(time.Minute))
	}
	return l
}

// check takes one update of chat key into account and says what to do with it. An update
// that erases the chat (erases, see erasing) is never dropped for being over the limit: a
// person who sent many messages in a row and then asks to be forgotten must be forgotten.
// It still takes a token when there is one; over the limit it goes through unless an
// erasure went through already with nothing let in since (it would erase nothing), so that
// a script repeating /delete costs no more than any other.
//
// An update counted before (update, fetched again) is not counted again: it is let in if it
// was then, else dropped without a word (floodAgain).
func (l *floodLimiter) check(key string, update int64, erases bool) floodVerdict {
	if l.policy.PerMinute < 0 {
		return floodAllow
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	dropped, seen := l.counted[update]
	if !seen {
		dropped, seen = l.older[update]
	}
	switch {
	case seen && dropped:
		return floodAgain
	case seen:
		return floodAllow
	}
	v := l.verdict(key, now, erases)
	if len(l.counted) >= maxCounted {
		l.older, l.counted = l.counted, make(map[int64]bool, maxCounted)
	}
	l.counted[update] = v != floodAllow
	return v
}

// verdict counts an update of chat key and says what to do with it (see check).
func (l *floodLimiter) verdict(key string, now time.Time, erases bool) floodVerdict {
	// Forget idle chats once per refill time, and when memory is full, at most once a second.
	if since := now.Sub(l.swept); since >= l.refill || (len(l.chats) >= l.policy.MaxChats && since >= time.Second) {
		l.sweep(now)
	}
	b, ok := l.chats[key]
	if !ok {
		if len(l.chats) >= l.policy.MaxChats {
			return floodAllow // every remembered chat is busy: let a new one through untracked
		}
		b = &bucket{tokens: float64(l.policy.Burst), at: now}
		l.chats[key] = b
	}
	l.fill(b, now)
	switch {
	case b.tokens >= 1:
		b.tokens--
		b.erased = erases
		return floodAllow
	case erases && !b.erased:
		b.erased = true
		return floodAllow
	case !b.warned:
		b.warned = true
		return floodWarn
	}
	return floodDrop
}

// fill adds the tokens earned since the bucket was last looked at; a full bucket ends a flood.
func (l *floodLimiter) fill(b *bucket, now time.Time) {
	if now.After(b.at) {
		b.tokens += now.Sub(b.at).Minutes() * float64(l.policy.PerMinute)
		b.at = now
	}
	if b.tokens >= float64(l.policy.Burst) {
		b.tokens = float64(l.policy.Burst)
		b.warned, b.erased = false, false
	}
}

// sweep forgets the chats whose buckets are full again: they are as good as new.
func (l *floodLimiter) sweep(now time.Time) {
	l.swept = now
	for key, b := range l.chats {
		if b.tokens+now.Sub(b.at).Minutes()*float64(l.policy.PerMinute) >= float64(l.policy.Burst) {
			delete(l.chats, key)
		}
	}
}

// size is the number of chats remembered.
func (l *floodLimiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.chats)
}

// chatLanguages reads the language a chat chose; the PostgreSQL store implements it.
type chatLanguages interface {
	ConversationLang(ctx context.Context, chatKey string) (string, error)
}

// flooded applies the flood limit to an update of chat key, as it is received, and reports
// whether to drop it (it is then neither stored nor handled, and counts as received: Telegram
// does not send it again). The first update over the limit is answered once, politely, in
// the chat's language; later ones are dropped without a word (and without a database query)
// until the chat has been quiet. /delete is not dropped (see floodLimiter.check).
func (a *Adapter) flooded(u *models.Update, key string, chatID int64) bool {
	switch a.flood.check(key, u.ID, erasing(u)) {
	case floodAllow:
		return false
	case floodAgain:
		return true
	case floodWarn:
		a.metrics.Flood.WithLabelValues("warned").Inc()
		// Said beside the chat's answers, not after them: receiving must not wait on it.
		go func() {
			ctx, cancel := context.WithTimeout(a.work, 30*time.Second)
			defer cancel()
			lang := a.chatLang(ctx, key, inputOf(u).ClientLang)
			slow := dialog.T("flood")
			a.answerCallback(u, &slow, lang)
			for _, c := range a.renderMessage(chatID, lang, dialog.Message{Lines: []dialog.Text{slow}}) {
				if err := a.exec(ctx, c); err != nil {
					a.log.Info("telegram: could not ask a chat to slow down", "err", scrub(err))
				}
			}
		}()
	default:
		a.metrics.Flood.WithLabelValues("dropped").Inc()
	}
	return true
}

// outageLang is the language to say the database is away in: the one the chat chose, when
// this process keeps its state in memory, else the one closest to the app's. It reads no
// database, which is what failed.
func (a *Adapter) outageLang(key, clientLang string) string {
	if lang := a.runner.KeptLang(key); lang != "" {
		return lang
	}
	return a.catalog.Match(clientLang)
}

// erasing says whether an update asks to erase the chat's data (/delete): the one command
// whose loss would break a promise (privacy) rather than delay an answer. The bot has no
// other command that erases or stops anything.
func erasing(u *models.Update) bool {
	if u.Message == nil {
		return false
	}
	in := inputOf(u)
	return in.Kind == dialog.InputCommand && in.Text == "delete"
}

// chatLang is the language the chat chose, or else the one closest to the app's.
func (a *Adapter) chatLang(ctx context.Context, key, clientLang string) string {
	if lang := a.runner.KeptLang(key); lang != "" {
		return lang
	}
	if st, ok := a.records.(chatLanguages); ok {
		if lang, err := st.ConversationLang(ctx, key); err == nil && lang != "" {
			return lang
		}
	}
	return a.catalog.Match(clientLang)
}
