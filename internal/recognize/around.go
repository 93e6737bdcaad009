package recognize

import (
	"fmt"
	"strings"
)

// around is a context of a span of a message's words: the words right before it and right
// after it, written with # for the span ("# years ago", "seit #", "not #", "# değil"). The
// number lists use it for numbers that are no age (Numbers.AddNotAge), the topic lists for
// topics said not to be the need (Recognizer.AddNot).
type around struct {
	before, after []wordPattern
}

// wordPattern is one normalised word, or the start of words (a pattern written "jahr*"), or
// a gap of up to maxGap words of any kind (written "…" or "...": "ich werde … #" is "ich
// werde im März 28").
type wordPattern struct {
	word   string
	prefix bool
	gap    bool
}

// maxGap is the most words a gap of a context stands for.
const maxGap = 2

func (p wordPattern) matches(w string) bool {
	if p.prefix {
		return strings.HasPrefix(w, p.word)
	}
	return w == p.word
}

// parseAround reads one context: exactly one #, and at least one word beside it. A word
// ending in * stands for every word it starts; "…" for up to maxGap words.
func parseAround(entry string) (around, error) {
	before, after, ok := strings.Cut(entry, "#")
	if !ok || strings.Contains(after, "#") {
		return around{}, fmt.Errorf("%q has not exactly one #", entry)
	}
	a := around{before: wordPatterns(before), after: wordPatterns(after)}
	words := func(ps []wordPattern) int {
		n := 0
		for _, p := range ps {
			if !p.gap {
				n++
			}
		}
		return n
	}
	if words(a.before)+words(a.after) == 0 {
		return around{}, fmt.Errorf("%q has no word beside the #", entry)
	}
	return a, nil
}

// wordPatterns normalises the words of a pattern, keeping a trailing * as a prefix mark.
func wordPatterns(s string) []wordPattern {
	var out []wordPattern
	for _, f := range strings.Fields(s) {
		if f == "…" || f == "..." {
			out = append(out, wordPattern{gap: true})
			continue
		}
		prefix := strings.HasSuffix(f, "*")
		words := Normalize(strings.TrimSuffix(f, "*"))
		for i, w := range words {
			out = append(out, wordPattern{word: w, prefix: prefix && i == len(words)-1})
		}
	}
	return out
}

// at says whether the context surrounds the span of words first to last: word(i) is the
// message's i-th word, ok false where there is none (outside the message, or beyond a
// boundary the caller keeps the context from reaching over).
func (a around) at(word func(i int) (string, bool), first, last int) bool {
	return matchFrom(a.before, word, first-1, -1) && matchFrom(a.after, word, last+1, 1)
}

// matchFrom says whether patterns stand from word i on in direction step: rightwards (1)
// from their first, or leftwards (-1) from their last. A gap takes 0 to maxGap words.
func matchFrom(patterns []wordPattern, word func(i int) (string, bool), i, step int) bool {
	if len(patterns) == 0 {
		return true
	}
	p, rest := patterns[0], patterns[1:]
	if step < 0 {
		p, rest = patterns[len(patterns)-1], patterns[:len(patterns)-1]
	}
	if p.gap {
		for skip := 0; skip <= maxGap; skip++ {
			if skip > 0 {
				if _, ok := word(i + step*(skip-1)); !ok {
					return false
				}
			}
			if matchFrom(rest, word, i+step*skip, step) {
				return true
			}
		}
		return false
	}
	w, ok := word(i)
	return ok && p.matches(w) && matchFrom(rest, word, i+step, step)
}
