package recognize

import (
	"hash/maphash"
	"slices"
	"sync/atomic"
	"time"
)

// memo keeps the words of the texts normalised last, so that the many readers of one
// message in a turn normalise it once: a fixed number of slots, a text in the slot its hash
// names (a later text with the same slot takes it over). It holds what people typed, so it
// holds it briefly: every slot is emptied memoFor after the first text put in since the last
// emptying, on a busy server as on a quiet one, so that no text stays in memory past that.
type memo struct {
	slots [memoSlots]atomic.Pointer[memoEntry]
	// armed is set while an emptying is scheduled.
	armed atomic.Bool
}

type memoEntry struct {
	text  string
	words []string
}

const (
	memoSlots = 64
	// memoMaxText is the longest text kept (in bytes): a long message a person typed is
	// kept as well, the size of a Telegram message in letters of several bytes.
	memoMaxText = 16 << 10
	// memoFor is how long a text is kept at most: longer than one turn, far shorter than
	// anything a person would call stored.
	memoFor = time.Second
)

var recent = &memo{}

// get returns a copy of the words kept for text, if they are.
func (m *memo) get(text string) ([]string, bool) {
	e := m.slots[maphash.String(seed, text)%memoSlots].Load()
	if e == nil || e.text != text {
		return nil, false
	}
	return slices.Clone(e.words), true
}

// put keeps the words of text (which the caller no longer changes: get hands out copies).
func (m *memo) put(text string, words []string) {
	if len(text) > memoMaxText {
		return
	}
	m.slots[maphash.String(seed, text)%memoSlots].Store(&memoEntry{text: text, words: words})
	if !m.armed.Load() && m.armed.CompareAndSwap(false, true) {
		time.AfterFunc(memoFor, m.empty)
	}
}

// empty drops every kept text. It disarms first: a text put while it empties is either
// emptied now or arms the next emptying.
func (m *memo) empty() {
	m.armed.Store(false)
	for i := range m.slots {
		m.slots[i].Store(nil)
	}
}
