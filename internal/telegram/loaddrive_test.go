package telegram

import (
	"context"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/go-telegram/bot/models"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/i18n"
)

// The closed-loop driver of the load benchmark: simulated users, each sending one update and
// waiting for the whole answer before the next. The answer to an update is complete when the
// bot has said the last thing it says for it (a message, an edit, or the answer to a button
// tap) and then nothing more for the chat within quiet; its latency runs from queueing the
// update to that last call. Each step knows how many calls answer it, so that an answer
// with a pause longer than quiet inside it is waited for to its end, not cut there (and its
// tail then taken for the answer to the next update); such answers are counted as split.

// quiet is how long the chat stays silent after the last call of an answer.
const quiet = 30 * time.Millisecond

// answerTimeout is how long a user waits for the whole answer before the update counts as
// unanswered (and the user starts over).
const answerTimeout = 10 * time.Second

// loadUser is one simulated user: a private chat whose app speaks lang.
type loadUser struct {
	chat int64
	lang string
	skip string // the place keyboard's "skip" label in lang, which the user's app sends back
	line *chatLine
}

// tapped is the id of the last message with buttons the user was shown.
func (u *loadUser) tapped() int { return int(u.line.inline.Load()) }

// step is one update a user sends, and how many calls answer it.
type step struct {
	name   string
	update func(u *loadUser) models.Update
	calls  int
}

// conversationSteps walk a whole conversation the way most newcomers do: /start (in their
// app's language), type the age, tap a topic, skip the place on the reply keyboard, give
// feedback. Then the user starts again. TestLoadStepsAreTheBotsAnswers checks the calls.
var conversationSteps = []step{
	// welcome with the age question
	{"start", func(u *loadUser) models.Update { return loadMessage(u.chat, "/start", u.lang) }, 1},
	// topic question
	{"age", func(u *loadUser) models.Update { return loadMessage(u.chat, "34", u.lang) }, 1},
	// tap answered, question edited, place question with its reply keyboard
	{"topic", func(u *loadUser) models.Update { return loadCallback(u.chat, u.tapped(), "topic:residence", u.lang) }, 3},
	// "no problem" (removing the keyboard), result
	{"place", func(u *loadUser) models.Update { return loadMessage(u.chat, u.skip, u.lang) }, 2},
	// tap answered with thanks
	{"feedback", func(u *loadUser) models.Update { return loadCallback(u.chat, u.tapped(), "res:yes", u.lang) }, 1},
}

// echoSteps is the baseline's only step: a text, echoed with a keyboard.
var echoSteps = []step{{"echo", func(u *loadUser) models.Update { return loadMessage(u.chat, "hello", u.lang) }, 1}}

// loadUsers makes n users with chats from first on, speaking the shipped languages in turn.
func loadUsers(api *loadAPI, cat *i18n.Catalog, n int, first int64) []*loadUser {
	users := make([]*loadUser, n)
	for i := range users {
		lang := i18n.Shipped[i%len(i18n.Shipped)]
		users[i] = &loadUser{chat: first + int64(i), lang: lang, skip: skipLabel(cat, lang), line: api.line(first + int64(i))}
	}
	return users
}

// skipLabel is the label of the reply-keyboard button that skips the place question, as a
// client sends it back (without bidi controls).
func skipLabel(cat *i18n.Catalog, lang string) string {
	return strings.TrimFunc(cat.Render(lang, dialog.T("place.skip")), func(r rune) bool {
		return unicode.Is(unicode.Bidi_Control, r) || unicode.IsSpace(r)
	})
}

// loadResult is what a run measured.
type loadResult struct {
	updates    int // answered
	unanswered int // not answered completely within answerTimeout
	split      int // answered with a pause longer than quiet between two calls
	late       int // calls that came after their answer was complete
	elapsed    time.Duration
	latencies  []time.Duration // to the answer's last call
	firsts     []time.Duration // to its first call
	// settled are the latencies (to the last call) of the updates sent after the phase's
	// first second, when all users sent /start at the same moment and then answered nearly
	// together again.
	settled []time.Duration
	// steps are the latencies (to the last call) by the name of the step answered.
	steps map[string][]time.Duration
}

func (r loadResult) rate() float64 { return float64(r.updates) / r.elapsed.Seconds() }

// percentile is the latency to the last call that p of the answers stayed within.
func (r loadResult) percentile(p float64) time.Duration { return percentile(r.latencies, p) }

func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	return ds[min(len(ds)-1, int(p*float64(len(ds))))]
}

func (r *loadResult) add(o loadResult) {
	r.updates += o.updates
	r.unanswered += o.unanswered
	r.split += o.split
	r.late += o.late
	r.latencies = append(r.latencies, o.latencies...)
	r.firsts = append(r.firsts, o.firsts...)
	r.settled = append(r.settled, o.settled...)
	for name, ds := range o.steps {
		r.addStep(name, ds...)
	}
}

func (r *loadResult) addStep(name string, ds ...time.Duration) {
	if r.steps == nil {
		r.steps = map[string][]time.Duration{}
	}
	r.steps[name] = append(r.steps[name], ds...)
}

// drive runs users through steps, round after round, until d has passed; each user finishes
// the update in hand.
func (api *loadAPI) drive(users []*loadUser, steps []step, d time.Duration) loadResult {
	var mu sync.Mutex
	var res loadResult
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
	for _, u := range users {
		wg.Add(1)
		go pprof.Do(context.Background(), pprof.Labels("part", "users"), func(context.Context) {
			defer wg.Done()
			r := api.walk(u, steps, start.Add(time.Second), deadline, 0)
			mu.Lock()
			res.add(r)
			mu.Unlock()
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}

// walk is one user's run until deadline, or until limit updates were sent (0: no limit);
// updates sent from settle on count as settled too. After an unanswered update the user
// starts over.
func (api *loadAPI) walk(u *loadUser, steps []step, settle, deadline time.Time, limit int) loadResult {
	var r loadResult
	for i, n := 0, 0; time.Now().Before(deadline) && (limit == 0 || n < limit); n++ {
		s := steps[i%len(steps)]
		r.late += drain(u.line)
		sent := api.push(s.update(u))
		a := awaitAnswer(u.line, s.calls, answerTimeout)
		r.late += a.late
		if a.n < s.calls {
			r.unanswered++
			i = 0 // start over
			continue
		}
		if a.split {
			r.split++
		}
		r.updates++
		r.latencies = append(r.latencies, a.last.Sub(sent))
		r.addStep(s.name, a.last.Sub(sent))
		if !sent.Before(settle) {
			r.settled = append(r.settled, a.last.Sub(sent))
		}
		r.firsts = append(r.firsts, a.first.Sub(sent))
		i++
	}
	return r
}

// drain empties a chat's line and says how many calls were in it.
func drain(l *chatLine) int {
	for n := 0; ; n++ {
		select {
		case <-l.arrived:
		default:
			return n
		}
	}
}

// answer is what a user saw of the answer to one update.
type answer struct {
	first time.Time // when its first call came
	last  time.Time // when its last call came
	n     int       // its calls
	late  int       // calls that came after it was complete
	split bool      // a pause longer than quiet inside it
}

// take adds a call that came at at to the answer and reports whether it belongs to it: a call
// after the answer had its calls and a quiet pause comes too late.
func (a *answer) take(at time.Time, want int) bool {
	if a.n >= want && at.Sub(a.last) > quiet {
		a.late++
		return false
	}
	if a.n > 0 && at.Sub(a.last) > quiet {
		a.split = true
	}
	if a.n == 0 || at.After(a.last) {
		a.last = at
	}
	if a.n == 0 || at.Before(a.first) {
		a.first = at
	}
	a.n++
	return true
}

// awaitAnswer waits for the answer to an update that the bot says in want calls: complete
// when want calls came and then none for quiet (a further call within quiet extends it),
// incomplete (n < want) when timeout passes first. Arrival times are the Bot API's, so a user
// scheduled late still judges by them.
func awaitAnswer(l *chatLine, want int, timeout time.Duration) answer {
	var a answer
	giveUp := time.Now().Add(timeout)
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		select {
		case at := <-l.arrived:
			if !a.take(at, want) {
				return a
			}
		case <-timer.C:
			for more := true; more; { // calls that came while this goroutine waited to run
				select {
				case at := <-l.arrived:
					a.take(at, want)
				default:
					more = false
				}
			}
			if a.n < want && !time.Now().Before(giveUp) {
				return a
			}
			if a.n >= want && !time.Now().Before(a.last.Add(quiet)) {
				return a
			}
		}
		if a.n < want {
			timer.Reset(time.Until(giveUp))
		} else {
			timer.Reset(time.Until(a.last.Add(quiet)))
		}
	}
}

// flood sends an update for chat every interval until deadline, without waiting for answers
// (none come: the chat is answered only with 429), and returns how many it sent.
func (api *loadAPI) flood(chat int64, interval time.Duration, deadline time.Time) int {
	n := 0
	for ; time.Now().Before(deadline); n++ {
		api.push(loadMessage(chat, "/start", "en"))
		time.Sleep(interval)
	}
	return n
}
