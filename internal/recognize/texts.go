package recognize

import (
	"bytes"
	"hash/maphash"
	"math/bits"
)

// texts maps texts to lists of ids, like a map[string][]int32, in a form the garbage collector
// need not trace: a map from each text's hash to its entry, and the entries' texts and ids in
// flat arrays. Two texts with one hash are chained (next), and a text found by its hash is
// compared with the one looked up, so a lookup is exact.
type texts struct {
	at      map[uint64]uint32
	next    []uint32 // per entry, the next one with the same hash (noEntry: none)
	key     []span   // per entry, its text in keys
	keys    []byte
	ids     ragged // per entry, its ids
	longest int    // the longest text, in bytes
	// some has a bit set for each text's hash (bit h mod its length): a lookup whose bit is
	// clear finds nothing without probing the map. Most lookups are of a word's beginnings
	// (index.matching), and most beginnings are no keyword: the map, far larger than the
	// bits, was a tenth of a turn.
	some []uint64
}

// noEntry ends a chain of entries.
const noEntry = ^uint32(0)

// seed hashes the texts of every index (it is the same for the life of the process).
var seed = maphash.MakeSeed()

// lookup is v's ids (none when v is not there).
func (t *texts) lookup(v string) []int32 {
	h := maphash.String(seed, v)
	if !t.may(h) {
		return nil
	}
	i, ok := t.at[h]
	for ok && i != noEntry {
		if k := t.key[i]; string(t.keys[k.off:k.off+k.n]) == v {
			return t.ids.row(int32(i))
		}
		i = t.next[i]
	}
	return nil
}

// lookupBytes is lookup for a text in bytes.
func (t *texts) lookupBytes(v []byte) []int32 {
	h := maphash.Bytes(seed, v)
	if !t.may(h) {
		return nil
	}
	i, ok := t.at[h]
	for ok && i != noEntry {
		if k := t.key[i]; bytes.Equal(t.keys[k.off:k.off+k.n], v) {
			return t.ids.row(int32(i))
		}
		i = t.next[i]
	}
	return nil
}

// may says whether a text with hash h may be there.
func (t *texts) may(h uint64) bool {
	if len(t.some) == 0 {
		return false
	}
	w, bit := t.bit(h)
	return t.some[w]&bit != 0
}

// bit is where a text with hash h has its bit in texts.some: the word, and the bit in it.
func (t *texts) bit(h uint64) (int, uint64) {
	b := h & (uint64(len(t.some))*64 - 1)
	return int(b >> 6), 1 << (b & 63)
}

// bitsPerText sizes texts.some: with 16 bits per text, about one lookup in 16 of a text not
// there probes the map.
const bitsPerText = 16

// textsBuilder gathers texts' ids, in the order added, while an index is built.
type textsBuilder struct {
	ids   map[string][]int32
	order []string // the texts, in the order first added
}

// add adds id to text's ids, unless it is the last of them already.
func (b *textsBuilder) add(text string, id int32) {
	if b.ids == nil {
		b.ids = map[string][]int32{}
	}
	ids, ok := b.ids[text]
	if !ok {
		b.order = append(b.order, text)
	}
	if len(ids) == 0 || ids[len(ids)-1] != id {
		b.ids[text] = append(ids, id)
	}
}

// build is the texts gathered.
func (b *textsBuilder) build() texts {
	t := texts{at: make(map[uint64]uint32, len(b.order)), next: make([]uint32, len(b.order)), key: make([]span, len(b.order))}
	rows := make([][]int32, len(b.order))
	if n := len(b.order); n > 0 {
		t.some = make([]uint64, max(1, 1<<bits.Len(uint(n*bitsPerText-1))/64)) // a power of two
	}
	for i, text := range b.order {
		t.key[i] = span{uint32(len(t.keys)), uint32(len(text))}
		t.keys = append(t.keys, text...)
		t.longest = max(t.longest, len(text))
		rows[i] = b.ids[text]
		h := maphash.String(seed, text)
		w, bit := t.bit(h)
		t.some[w] |= bit
		t.next[i] = noEntry
		if first, ok := t.at[h]; ok {
			t.next[i] = first
		}
		t.at[h] = uint32(i)
	}
	t.ids = raggedOf(rows)
	return t
}

// ragged is rows of ids of different lengths in one array.
type ragged struct {
	start []uint32 // row i is ids[start[i]:start[i+1]]
	ids   []int32
}

// raggedOf is rows as a ragged.
func raggedOf(rows [][]int32) ragged {
	r := ragged{start: make([]uint32, 1, len(rows)+1)}
	for _, row := range rows {
		r.ids = append(r.ids, row...)
		r.start = append(r.start, uint32(len(r.ids)))
	}
	return r
}

// row is row i.
func (r *ragged) row(i int32) []int32 {
	return r.ids[r.start[i]:r.start[i+1]:r.start[i+1]]
}
