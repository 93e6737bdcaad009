package chat

import "sync"

// maxKeptStates bounds the chats whose state a runner keeps in memory (a few hundred bytes
// each); beyond it, a chat picked at random is forgotten and read again at its next turn.
const maxKeptStates = 50_000

// keptState is a chat's state as this runner last wrote it, with its version.
type keptState struct {
	state   []byte
	version int64
}

// states keeps the state each chat's last turn here wrote, so that the next turn can start
// from it without reading the database: the turn is written only over that version, so a
// state changed or erased elsewhere (another replica, the retention job) is read again. It
// holds nothing the database does not.
type states struct {
	mu sync.Mutex
	m  map[string]keptState
}

func (s *states) get(key string) (keptState, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k, ok := s.m[key]
	return k, ok
}

func (s *states) put(key string, k keptState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]keptState{}
	}
	if _, ok := s.m[key]; !ok && len(s.m) >= maxKeptStates {
		for other := range s.m {
			delete(s.m, other)
			break
		}
	}
	s.m[key] = k
}

func (s *states) drop(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, key)
}
