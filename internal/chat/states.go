package chat

import (
	"sync"
	"time"
)

// maxKeptStates bounds the chats whose state a runner keeps in memory (a few hundred bytes
// each); beyond it, a chat picked at random is forgotten and read again at its next turn.
const maxKeptStates = 50_000

// keptFor is how long a kept state serves after the chat's last turn here: a chat erased
// elsewhere (/delete on another replica) leaves no copy in memory for longer.
const keptFor = time.Hour

// keptState is a chat's state as this runner last wrote it, with its version.
type keptState struct {
	state   []byte
	version int64
	at      time.Time // when it was written
	// read: the chat's next turn reads the database all the same (it is in a hand-over),
	// but it is known not to be new; state and version are not kept then.
	read bool
	lang string // the language the chat is spoken to in (KeptLang)
}

// states keeps the state each chat's last turn here wrote, so that the next turn can start
// from it without reading the database: the turn is written only over that version, so a
// state changed or erased elsewhere (another replica, the retention job) is read again. It
// holds nothing the database did not, for at most keptFor.
type states struct {
	mu    sync.Mutex
	m     map[string]keptState
	swept time.Time
}

func (s *states) get(key string, now time.Time) (keptState, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k, ok := s.m[key]
	if ok && now.Sub(k.at) > keptFor {
		delete(s.m, key)
		return keptState{}, false
	}
	return k, ok
}

func (s *states) put(key string, k keptState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]keptState{}
	}
	if k.at.Sub(s.swept) > keptFor/10 {
		for other, o := range s.m {
			if k.at.Sub(o.at) > keptFor {
				delete(s.m, other)
			}
		}
		s.swept = k.at
	}
	if _, ok := s.m[key]; !ok && len(s.m) >= maxKeptStates {
		for other := range s.m {
			delete(s.m, other)
			break
		}
	}
	s.m[key] = k
}

// forget drops what a failed turn started from, but the chat's language: the next turn
// reads the database, and meanwhile the front end can still say "the service is unavailable"
// in the language the chat chose (KeptLang), whichever of its paths tells it first.
func (s *states) forget(key string, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if k, ok := s.m[key]; ok && k.lang != "" {
		s.m[key] = keptState{read: true, at: now, lang: k.lang}
		return
	}
	delete(s.m, key)
}

func (s *states) drop(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, key)
}

// KeptLang is the language chat is spoken to in, as its last turn here left it, or "" when
// this runner keeps nothing of it. It reads memory only: it is what the front end says "the
// service is unavailable" in while the database is away. A turn that fails forgets the
// chat's state but keeps its language (states.forget).
func (r *Runner) KeptLang(chatKey string) string {
	k, _ := r.kept.get(chatKey, r.Now())
	return k.lang
}
