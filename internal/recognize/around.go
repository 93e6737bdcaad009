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

// wordPattern is one normalised word, or the start of words (a pattern written "jahr*").
type wordPattern struct {
	word   string
	prefix bool
}

func (p wordPattern) matches(w string) bool {
	if p.prefix {
		return strings.HasPrefix(w, p.word)
	}
	return w == p.word
}

// parseAround reads one context: exactly one #, and at least one word beside it. A word
// ending in * stands for every word it starts.
func parseAround(entry string) (around, error) {
	before, after, ok := strings.Cut(entry, "#")
	if !ok || strings.Contains(after, "#") {
		return around{}, fmt.Errorf("%q has not exactly one #", entry)
	}
	a := around{before: wordPatterns(before), after: wordPatterns(after)}
	if len(a.before)+len(a.after) == 0 {
		return around{}, fmt.Errorf("%q has no word beside the #", entry)
	}
	return a, nil
}

// wordPatterns normalises the words of a pattern, keeping a trailing * as a prefix mark.
func wordPatterns(s string) []wordPattern {
	var out []wordPattern
	for _, f := range strings.Fields(s) {
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
	for k, p := range a.before {
		if w, ok := word(first - len(a.before) + k); !ok || !p.matches(w) {
			return false
		}
	}
	for k, p := range a.after {
		if w, ok := word(last + 1 + k); !ok || !p.matches(w) {
			return false
		}
	}
	return true
}
