package i18n

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/kassel/wegweiser/internal/recognize"
)

// letterModel is how often each sequence of three letters occurs in what the bot says in a
// language written in Latin letters (its words as recognize.Normalize gives them, each between
// spaces), as logarithms of their shares; unseen is the share of a sequence it never says.
type letterModel struct {
	logp   map[string]float64
	unseen float64
}

// newLetterModel counts the letter sequences of the words of texts, as wordsOf gives them.
func newLetterModel(texts []string, wordsOf func(string) []string) *letterModel {
	counts := map[string]int{}
	total := 0
	for _, text := range texts {
		for _, w := range wordsOf(text) {
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

// lettersTaken are the languages byLetters may take: those written in Latin letters but
// German, whose office words are typed in every language.
var lettersTaken = slices.DeleteFunc(slices.Clone(latinScripts), func(l string) bool { return l == "de" })

// byLetters returns the language written in Latin letters whose letter sequences a message
// typed in Latin letters follows clearly better than the hint's and than any other language's;
// or "". It reads what the small words and keywords leave undecided: "nu gasesc de lucru de
// doua luni" holds no Romanian small word of latinWords, but Romanian's letters. German is
// never taken so: its office words are typed in every language; and a message whose letters
// are as like German's is no other language's either.
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
	scores := map[string]float64{}
	for lang, m := range c.letters {
		scores[lang] = m.score(ts)
	}
	best, second := bestTwo(scores, lettersTaken)
	if best == "" || best == hint || scores[best]-scores[second] < letterMargin {
		return ""
	}
	if h, ok := scores[hint]; ok && scores[best]-h < letterMargin {
		return ""
	}
	if de, ok := scores["de"]; ok && scores[best]-de < letterMargin {
		// Letters as like German's: German words, which are typed in every language
		// ("Deutsch lernen" is no French).
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

// scriptLanguages are the shipped languages that share a script other than Latin with another
// (of nonLatinScript: not Tigrinya, alone in Ethiopic), which a message's letters and small
// words do not always tell apart ("курс по немски", "نامه آمده").
var scriptLanguages = func() map[string]*unicode.RangeTable {
	out := map[string]*unicode.RangeTable{}
	for tag, script := range nonLatinScript {
		for other, s := range nonLatinScript {
			if other != tag && s == script {
				out[tag] = script
			}
		}
	}
	return out
}()

// scriptWords are the words of text written in script, lower-cased and without marks or
// invisible format characters, but otherwise as typed: not folded as recognize.Normalize folds
// them for the keywords ("ې" and "ي" alike), since a letter one language writes and its
// neighbours do not is what tells them apart. A template's placeholders are left out.
func scriptWords(text string, script *unicode.RangeTable) []string {
	var out []string
	for _, f := range withoutPlaceholders(text) {
		var b strings.Builder
		flush := func() {
			if b.Len() > 0 {
				out = append(out, b.String())
				b.Reset()
			}
		}
		for _, r := range strings.ToLower(f) {
			switch {
			case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r) || r == '\u0640':
			case unicode.Is(script, r) && unicode.IsLetter(r):
				b.WriteRune(r)
			default:
				flush()
			}
		}
		flush()
	}
	return out
}

// Within a script (pickInScript): without the hint among the languages tied, minScriptTrigrams
// letter sequences at least and scriptMargin nats per sequence over the next best decide;
// to leave the hint, hintTrigrams and hintMargin. Chosen on the first messages of eight sets
// written apart (14 to 22 but 18) in Cyrillic and Arabic script, read on phones set to
// German, English and each of those six languages: the letters took 18,887 of the 21,288
// guesses for their language against 18,459 without them, and none more away from a phone
// set to the message's own language (22). On the two sets kept apart (18 and 23), on a German
// phone: 283 → 297 and 280 → 287 of 336, for a third language 24 → 10 and 19 → 12.
const (
	minScriptTrigrams = 5
	scriptMargin      = 0.1
	hintTrigrams      = 12
	hintMargin        = 0.5
)

// pickInScript picks the language of one script with the highest score (pick's), and where
// several share it, the one whose letter sequences the message follows best: Ukrainian's
// "визнання диплому" and Bulgarian's "курс по немски" hold no letter or small word of their
// own, but their letters are theirs. The hint, where it is one of them, stays unless the
// letters point elsewhere clearly (hintTrigrams, hintMargin); without the hint among them, a
// smaller margin decides, as the fallback is no better informed. Too few letters leave it to
// pick. Where pick decides among several without the hint, they are returned too: the
// message does not tell them apart.
func (c *Catalog) pickInScript(scores map[string]int, text, hint, fallback string) (string, []string) {
	tied := topScored(scores)
	if len(tied) == 1 {
		return tied[0], nil
	}
	undecided := func() (string, []string) {
		if slices.Contains(tied, hint) {
			return hint, nil
		}
		return pick(scores, hint, fallback), tied
	}
	var ts []string
	for _, lang := range tied {
		if script := scriptLanguages[lang]; script != nil {
			for _, w := range scriptWords(text, script) {
				ts = append(ts, trigrams(w)...)
			}
			break
		}
	}
	if len(ts) < minScriptTrigrams {
		return undecided()
	}
	sc := map[string]float64{}
	for _, lang := range tied {
		if m := c.scriptLetters[lang]; m != nil {
			sc[lang] = m.score(ts)
		}
	}
	best, second := bestTwo(sc, tied)
	switch {
	case best == "":
	case slices.Contains(tied, hint):
		if best != hint && len(ts) >= hintTrigrams && sc[best]-sc[hint] >= hintMargin {
			return best, nil
		}
	case second == "" || sc[best]-sc[second] >= scriptMargin:
		return best, nil
	}
	return undecided()
}

// bestTwo are the languages of langs with the highest and the next highest score (those
// scores holds); "" where there is none.
func bestTwo(scores map[string]float64, langs []string) (best, second string) {
	for _, lang := range langs {
		s, ok := scores[lang]
		switch {
		case !ok:
		case best == "" || s > scores[best]:
			best, second = lang, best
		case second == "" || s > scores[second]:
			second = lang
		}
	}
	return best, second
}
