package i18n

import (
	"math"

	"github.com/kassel/wegweiser/internal/recognize"
)

// letterModel is how often each sequence of three letters occurs in what the bot says in a
// language written in Latin letters (its words as recognize.Normalize gives them, each between
// spaces), as logarithms of their shares; unseen is the share of a sequence it never says.
type letterModel struct {
	logp   map[string]float64
	unseen float64
}

// newLetterModel counts the letter sequences of texts.
func newLetterModel(texts []string) *letterModel {
	counts := map[string]int{}
	total := 0
	for _, text := range texts {
		for _, w := range saidWords(text) {
			for _, t := range trigrams(w) {
				counts[t]++
				total++
			}
		}
	}
	m := &letterModel{logp: map[string]float64{}}
	denom := float64(total + len(counts) + 1)
	for t, n := range counts {
		m.logp[t] = math.Log(float64(n+1) / denom)
	}
	m.unseen = math.Log(1 / denom)
	return m
}

// trigrams are w's sequences of three letters, with a space before and after it.
func trigrams(w string) []string {
	rs := []rune(" " + w + " ")
	if len(rs) < 3 {
		return nil
	}
	out := make([]string, 0, len(rs)-2)
	for i := 0; i+3 <= len(rs); i++ {
		out = append(out, string(rs[i:i+3]))
	}
	return out
}

// score is the mean logarithm of the shares of ts in the model.
func (m *letterModel) score(ts []string) float64 {
	sum := 0.0
	for _, t := range ts {
		if p, ok := m.logp[t]; ok {
			sum += p
		} else {
			sum += m.unseen
		}
	}
	return sum / float64(len(ts))
}

// minLetterTrigrams is how many letter sequences a message must hold to be judged by them,
// and letterMargin how much more likely (per sequence, in nats) the best language must make
// them than the hint's and than the next best. Chosen on the first messages of five sets
// written apart, read on a phone set to German: 12 and 0.7 took 8 to 18 more of each set's
// 840 for their language, and at most one more for a third; fewer sequences or a smaller
// margin took more for a third language, a larger margin fewer for their own.
const (
	minLetterTrigrams = 12
	letterMargin      = 0.7
)

// byLetters returns the language written in Latin letters whose letter sequences a message
// typed in Latin letters follows clearly better than the hint's and than any other language's;
// or "". It reads what the small words and keywords leave undecided: "nu gasesc de lucru de
// doua luni" holds no Romanian small word of latinWords, but Romanian's letters. German is
// never taken so: its office words are typed in every language.
func (c *Catalog) byLetters(text, hint string) string {
	var ts []string
	for _, w := range recognize.Normalize(text) {
		if !isLatinWord(w) {
			continue
		}
		ts = append(ts, trigrams(w)...)
	}
	if len(ts) < minLetterTrigrams {
		return ""
	}
	best, second := "", ""
	scores := map[string]float64{}
	for lang, m := range c.letters {
		scores[lang] = m.score(ts)
	}
	for lang := range scores {
		if lang == "de" {
			continue // German office words are typed in every language: never German by its letters
		}
		switch {
		case best == "" || scores[lang] > scores[best]:
			best, second = lang, best
		case second == "" || scores[lang] > scores[second]:
			second = lang
		}
	}
	if best == "" || best == hint || scores[best]-scores[second] < letterMargin {
		return ""
	}
	if h, ok := scores[hint]; ok && scores[best]-h < letterMargin {
		return ""
	}
	return best
}

// isLatinWord says whether w is written in Latin letters a to z only (as Normalize folds them).
func isLatinWord(w string) bool {
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return w != ""
}
