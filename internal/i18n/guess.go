package i18n

import (
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kassel/wegweiser/internal/recognize"
)

// Guess returns the shipped language a typed message is most likely written in, judged by its
// script and by letters and small words only some languages use; hint (the language known so
// far, or the app's) decides between languages that write alike. It returns "" when the text
// says nothing: digits only, or Latin letters every Latin-script language uses.
func (c *Catalog) Guess(text, hint string) string {
	g, _ := c.guess(text, hint)
	return g
}

// Undecided are the shipped languages a typed message may as well be written in as in the
// one Guess takes (or, where it takes none, the hint), when nothing in it tells them apart:
// a greeting several of them say ("سلام" is Arabic, Dari and Pashto; "привет" Russian,
// Ukrainian and Bulgarian; "salam" is typed by the writers of five), or a message of a script
// several write that holds no letter or word of one of them alone. Nil when the guess was
// decided, or the hint is among them. In the order of Shipped, the guess itself left out.
func (c *Catalog) Undecided(text, hint string) []string {
	g, tied := c.guess(text, hint)
	if g == "" {
		g = hint
	}
	var out []string
	for _, l := range Shipped {
		if l != g && slices.Contains(tied, l) {
			out = append(out, l)
		}
	}
	return out
}

// guess is Guess, with the languages it could not tell apart when it took one of them (or
// none) without evidence: see Undecided.
func (c *Catalog) guess(text, hint string) (string, []string) {
	counts := letterCounts(text)
	if len(counts) == 0 {
		return "", nil
	}
	// A greeting alone ("merhaba", "cześć", "salaan"), a call for help ("ajutor", "pomocy"),
	// "I don't understand" or thanks that one language's list holds, or the hint's among
	// others ("salut" is French and Romanian); not a German or English one, which newcomers of
	// every language type ("Hallo", "help"). One of several goes on to their letters, and
	// they stay undecided.
	for _, id := range wholeSayings {
		said := slices.DeleteFunc(c.SayersOf(id, text), func(l string) bool { return l == "de" || l == "en" })
		switch {
		case len(said) == 1:
			return said[0], nil
		case slices.Contains(said, hint):
			return hint, nil
		case len(said) > 1:
			return c.greetedIn(text, said)
		}
	}
	return c.guessWritten(text, hint, counts)
}

// wholeSayings are the lists of whole messages whose words tell the language they are
// written in: greetings, calls for help, "I don't understand", thanks.
var wholeSayings = []string{"answer.hello", "answer.help", "answer.confused", "answer.thanks"}

// greetedIn guesses the language of a greeting (or another of wholeSayings) several languages say, and returns those it
// leaves undecided. In a script several of them write, its letters and common words may
// narrow them ("سلام علیکم" has a Persian keyboard's letters, which Dari and Pashto type,
// not Arabic's); the letter sequences of so few words do not. Of those left, the script's
// most written language is taken ("سلام": Arabic, "привет": Russian), else the first of
// Shipped, which lists the languages most newcomers speak first (Dari before Pashto). In
// Latin letters none is taken ("salam", "selam", "salut"): the hint stays.
func (c *Catalog) greetedIn(text string, greeted []string) (string, []string) {
	scores, fallback := c.scriptScores(mostLetters(letterCounts(text)), text)
	if scores == nil {
		return "", greeted
	}
	left := greeted
	if top := slices.DeleteFunc(topScored(scores), func(l string) bool { return !slices.Contains(greeted, l) }); len(top) > 0 {
		left = top
	}
	if slices.Contains(left, fallback) {
		return fallback, left
	}
	for _, l := range Shipped {
		if slices.Contains(left, l) {
			return l, left
		}
	}
	return "", left
}

// scriptScores are the scores of the languages that write script (Arabic, Cyrillic) by
// text's letters and words, and the one most of their writers among newcomers speak, which
// decides where nothing else does; nil for a script no two shipped languages share.
func (c *Catalog) scriptScores(script, text string) (map[string]int, string) {
	switch script {
	case "Arabic":
		return c.withOwnWords(arabicScores(text), text), "ar"
	case "Cyrillic":
		return c.withOwnWords(cyrillicScores(text), text), "ru"
	}
	return nil, ""
}

// guessWritten is guess past the greetings: by the message's script, letters and words.
func (c *Catalog) guessWritten(text, hint string, counts map[string]int) (string, []string) {
	if len(counts) > 1 {
		// Several scripts: the words count, not their letters, and a Latin word counts less
		// than another script's (a long German office word or a name is typed in every
		// language: "ausländerbehörde не отвечает", "موعد في Ausländerbehörde").
		clear(counts)
		for _, w := range strings.Fields(text) {
			if s := wordScript(w); s == "Latin" {
				counts[s] += 2
			} else if s != "" {
				counts[s] += 3
			}
		}
		if len(counts) == 0 {
			return "", nil
		}
	}
	script := mostLetters(counts)
	if script == "Ethiopic" {
		return "ti", nil
	}
	if scores, fallback := c.scriptScores(script, text); scores != nil {
		return c.pickInScript(scores, text, hint, fallback)
	}
	if g := latinGuess(text, hint); g != "" {
		if g == hint {
			// Letters the hint's language writes too ("ö", "ü": German and Turkish) leave it
			// the hint; words only another language writes say more ("kocam beni dövüyor").
			if k := c.byKeywords(text, hint); k != "" && writesAll(k, uncapitalised(text)) {
				return k, nil
			}
		}
		return g, nil
	}
	if g := c.transliterated(text); g != "" {
		return g, nil
	}
	if g := c.byKeywords(text, hint); g != "" {
		return g, nil
	}
	if g := c.byWordAndNeed(text, hint); g != "" {
		return g, nil
	}
	return c.byLetters(text, hint), nil
}

// minSmallAlone is the fewest letters of the one small word byWordAndNeed reads: shorter ones
// are other languages' words too (English "im" is German "in the", "we" Polish "in").
const minSmallAlone = 3

// maxWordAndNeed is the most words of a message byWordAndNeed reads: a longer one that the
// other stages leave undecided holds words of several languages ("moje li nqkoi da mi prevede
// edno pismo", Bulgarian typed in Latin letters, has Polish "moje" and "pismo").
const maxWordAndNeed = 5

// byWordAndNeed returns the one language a short message holds a small word of, when it also
// names a need in a word that language's keyword lists hold ("cherche appart", "brauche
// hausarzt", "ez li kar digerim"): two words of it, where the other stages need two small
// words or two words its lists hold alone. Not when another language's small word is there
// too, nor when the hint's language has a word of its own in it; nor for a language whose
// letters the message does not write.
func (c *Catalog) byWordAndNeed(text, hint string) string {
	tokens, owners := c.recognizer.Owners(text, Shipped)
	if len(tokens) > maxWordAndNeed {
		return ""
	}
	small := map[string]int{}
	named := map[string]int{}
	for i, t := range tokens {
		if oneLetter(t) {
			continue
		}
		if c.ownsAlone(hint, t, owners[i]) {
			return ""
		}
		said := false
		for l := range latinWords {
			if utf8.RuneCountInString(t) >= minSmallAlone && smallWord(l, t) {
				small[l]++
				said = true
			}
		}
		if said {
			continue
		}
		for _, l := range owners[i] {
			named[l]++
		}
	}
	if len(small) != 1 {
		return ""
	}
	for l, n := range small {
		if l != hint && n+named[l] >= minLatinWords && writesAll(l, uncapitalised(text)) {
			return l
		}
	}
	return ""
}

// ownsWord reports whether a word (as Normalize gives it) is lang's own: one of its small
// words or forms, or a word only its catalog says.
func (c *Catalog) ownsWord(lang, w string) bool { return smallWord(lang, w) || c.ownWords[lang][w] }

// ownsAlone reports whether a word is lang's own (ownsWord) or one only lang's keyword lists
// hold (owners: those that hold it, as recognize.Recognizer.Owners gives them).
func (c *Catalog) ownsAlone(lang, w string, owners []string) bool {
	return c.ownsWord(lang, w) || slices.Equal(owners, []string{lang})
}

// oneLetter says whether a word has a single letter: no language's evidence, since such words
// are several languages' ("i": English "I", Polish and Bulgarian "and", Somali "me").
func oneLetter(w string) bool { return utf8.RuneCountInString(w) < 2 }

// Keeps says whether text, guessed to be written in guessed, is still lang's. In Latin letters:
// it holds a word of lang, and as many of lang's words as of guessed's ("please help me, guri
// ma haysto" stays Somali). lang's words are its small words or forms, the words only its
// catalog says and those its keyword lists hold alone; not a word of one letter (English "i"
// is Polish "and" and Somali "me"), nor one guessed's lists or words hold too (Turkish "iş",
// folded, is English "is"). In a script several languages write: the message is mostly in
// lang's script and holds not keepMargin more of guessed's letters and common words (those
// that tell a language from the others of its script: "ي" is Arabic's, "ъ" Bulgarian's) than
// of lang's (a Dari "من بیستو هشت ساله هستم" after a Pashto guess is Dari's; an Arabic "لطفا
// ساعدني" with a Dari "please" stays Arabic, a short Russian "кто ты?" in a Ukrainian
// conversation Ukrainian). For Tigrinya: any letter of its script. A guess of German needs
// two of its small words: its nouns come with a word of it in every language.
func (c *Catalog) Keeps(lang, guessed, text string) bool {
	if guessed == "de" && lang != "de" && germanSmallWords(text) < minLatinWords {
		// German's nouns and office words with a word of it ("Arbeit suchen", "Termin
		// bitte") are typed in every language: only German sentences leave another one.
		return true
	}
	switch nonLatinScript[lang] {
	case unicode.Ethiopic:
		return strings.ContainsFunc(text, func(r rune) bool { return unicode.Is(unicode.Ethiopic, r) })
	case unicode.Arabic:
		return mostLetters(letterCounts(text)) == "Arabic" && keptAgainst(arabicScores(text), lang, guessed)
	case unicode.Cyrillic:
		return mostLetters(letterCounts(text)) == "Cyrillic" && keptAgainst(cyrillicScores(text), lang, guessed)
	}
	tokens, owners := c.recognizer.Owners(text, Shipped)
	mine, theirs := 0, 0
	for i, t := range tokens {
		if oneLetter(t) {
			continue
		}
		if c.ownsWord(guessed, t) || slices.Contains(owners[i], guessed) {
			theirs++
		} else if c.ownsAlone(lang, t, owners[i]) {
			mine++
		}
	}
	return mine > 0 && mine >= theirs
}

// germanSmallWords counts the words of text that are German's small words ("ich", "brauche").
func germanSmallWords(text string) int {
	n := 0
	for _, w := range recognize.Normalize(text) {
		if smallWord("de", w) {
			n++
		}
	}
	return n
}

// keepMargin is how much more a message in a script several languages write must hold of the
// guessed language's letters and words than of the conversation's to leave it (arabicScores,
// cyrillicScores: a letter only some keyboards type counts 1 or 2, a common word 3): more
// than one such word.
const keepMargin = 4

// keptAgainst says whether scores (of one script's languages) leave lang within keepMargin of
// guessed.
func keptAgainst(scores map[string]int, lang, guessed string) bool {
	return scores[guessed]-scores[lang] < keepMargin
}

// nonLatinScript is the script of each shipped language not written in Latin letters.
var nonLatinScript = map[string]*unicode.RangeTable{
	"ar": unicode.Arabic, "fa-AF": unicode.Arabic, "ps": unicode.Arabic,
	"uk": unicode.Cyrillic, "ru": unicode.Cyrillic, "bg": unicode.Cyrillic, "ti": unicode.Ethiopic,
}

// withOwnWords adds to the scores of the languages of one script two for each word of text
// that only one of them says (ownWords: "търся", "нямам" are Bulgarian's, "шукаю" Ukrainian's,
// "غواړم" Pashto's), as for the common words of the script's lists, where text holds two such
// words of the language at least (one, "تمام", is typed by the speakers of its neighbours
// too); not a word another of them writes too in its keyword lists ("убежище" is a Russian
// need as much as a Bulgarian word).
func (c *Catalog) withOwnWords(scores map[string]int, text string) map[string]int {
	langs := slices.Sorted(maps.Keys(scores))
	tokens, owners := c.recognizer.Owners(text, langs)
	hits := map[string]int{}
	for i, w := range tokens {
		for _, lang := range langs {
			if c.ownWords[lang][w] && !slices.ContainsFunc(owners[i], func(o string) bool { return o != lang }) {
				hits[lang]++
			}
		}
	}
	for lang, n := range hits {
		if n >= minLatinWords {
			scores[lang] += 2 * n
		}
	}
	return scores
}

// letterCounts counts the letters of s in each of the scripts the shipped languages are
// written in: Arabic, Cyrillic, Ethiopic and Latin.
func letterCounts(s string) map[string]int {
	n := map[string]int{}
	for _, r := range s {
		for _, script := range []string{"Arabic", "Cyrillic", "Ethiopic", "Latin"} {
			if unicode.Is(unicode.Scripts[script], r) {
				n[script]++
			}
		}
	}
	return n
}

// mostLetters is the script of counts with the most letters, the first by name of those with
// as many ("" for none).
func mostLetters(counts map[string]int) string {
	if len(counts) == 0 {
		return ""
	}
	return slices.MaxFunc(slices.Sorted(maps.Keys(counts)), func(a, b string) int { return counts[a] - counts[b] })
}

// wordScript is the script most of a word's letters are written in ("" for none).
func wordScript(w string) string { return mostLetters(letterCounts(w)) }

// uncapitalised is text without its capitalised words (a capital letter, then small ones):
// names and German nouns, which newcomers type in every language ("Ausländerbehörde", "Frau
// Szczepańska", "Exposé"), so that their letters say nothing of the message's language.
func uncapitalised(text string) string {
	words := strings.Fields(text)
	kept := words[:0:0]
	for _, w := range words {
		r, size := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || !strings.ContainsFunc(w[size:], unicode.IsLower) {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

// writesAll says whether lang writes every letter beyond a to z of text ("ß" is German's
// alone, so "Grüß Gott, i bräucht a Hilf" stays German).
func writesAll(lang, text string) bool {
	return !strings.ContainsFunc(strings.ToLower(text), func(r rune) bool {
		return beyondAZ(r) && !strings.ContainsRune(latinLetters[lang], r)
	})
}

// beyondAZ says whether r is a Latin letter beyond a to z ("ğ", "ł", "ä").
func beyondAZ(r rune) bool { return r >= 0x80 && unicode.Is(unicode.Latin, r) }

// latinScripts are the shipped languages written in Latin letters.
var latinScripts = func() []string {
	var out []string
	for l := range latinWords {
		if !slices.Contains(otherScripts, l) {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out
}()

// byKeywords returns the language of whose words a message typed in Latin letters holds the
// most that no other language writes, at least minLatinWords: its small words (latinWords)
// and the words only its own keyword lists hold ("my husband hits me": "my", "husband",
// "hits" are English alone; a Bulgarian message's transliterated keywords outweigh an
// English "i" in it), when the message holds none of the hint's. A word that the lists of
// two languages hold is no one's evidence ("kurse almani" is Dari and Kurmanji alike), nor a
// word German's lists hold: German is never taken so, as its words of offices and papers
// ("Jobcenter", "Termin", "Duldung") are typed in every language, and only its small words
// count for it as the hint. A word counts only for the languages that write its letters
// ("Kündigung" is no Romanian), and the languages typed in Latin letters where a phone has no
// keyboard for their script need a mark of their own (see marked).
func (c *Catalog) byKeywords(text, hint string) string {
	all := slices.Concat(latinScripts, otherScripts)
	tokens, owners := c.recognizer.Owners(text, all)
	if len(tokens) < minLatinWords {
		return "" // a word alone ("Überspringen", "Kassel") says too little
	}
	// The letters beyond a to z each word was typed with (Normalize folds them away).
	letters := map[string]string{}
	for _, w := range strings.Fields(strings.ToLower(text)) {
		special := strings.Map(func(r rune) rune {
			if beyondAZ(r) {
				return r
			}
			return -1
		}, w)
		for _, t := range recognize.Normalize(w) {
			letters[t] += special
		}
	}
	scores := map[string]int{}
	hinted := 0 // the hint's words
	for i, t := range tokens {
		var of, said []string
		for _, l := range all {
			// A word is evidence only for the languages that write its letters: "Kündigung" in
			// a Romanian list is German's, "dövüyor" Turkish.
			if !writesAll(l, letters[t]) {
				continue
			}
			if c.ownsWord(l, t) {
				said = append(said, l)
			}
			if c.ownsWord(l, t) || slices.Contains(owners[i], l) {
				of = append(of, l)
			}
		}
		if len(said) == 1 {
			// One language says the word where others' lists only borrow it: "almanca" is
			// Turkish, though the Kurmanji lists hold the Turkish words its writers type.
			of = said
		}
		if c.ownsWord(hint, t) || (hint != "de" && slices.Contains(owners[i], hint)) {
			hinted++
		}
		if len(of) == 1 && of[0] != "de" {
			scores[of[0]]++
		}
	}
	delete(scores, hint)
	// Letters beyond a to z but German's (which its loan words bring into every language)
	// leave only the languages that write them all: "bê" is Kurmanji or French, never
	// Ukrainian typed in Latin letters.
	notGerman := strings.Map(func(r rune) rune {
		if strings.ContainsRune(latinLetters["de"], unicode.ToLower(r)) {
			return -1
		}
		return r
	}, text)
	maps.DeleteFunc(scores, func(l string, _ int) bool {
		return slices.Contains(typedInLatin, l) && !marked(l, tokens) || !writesAll(l, notGerman)
	})
	if best := bestScore(all, scores); best != "" && scores[best] > hinted {
		return best // more words of it than of the language known so far
	}
	return ""
}

// otherScripts are the shipped languages written in another script than Latin.
var (
	otherScripts = []string{"ar", "bg", "fa-AF", "ps", "ru", "ti", "uk"}
	// cyrillicLangs of otherScripts are written in Cyrillic; typedInLatin, the others.
	cyrillicLangs = []string{"bg", "ru", "uk"}
	typedInLatin  = []string{"ar", "fa-AF", "ps", "ti"}
	// european are the Latin-script languages whose words the Arabizi, Dari, Pashto and
	// Tigrinya lists borrow (the Turkish, Kurmanji and Somali ones they share: "kar" is work
	// in Dari and Kurmanji alike).
	european = []string{"de", "en", "fr", "pl", "ro"}
)

// minTransliterated is how many words of a Latin-typed message the keywords of one language
// written in another script must hold (transliterated, or as its lists spell them in Latin
// letters) for the message to be taken as written in it: one word ("problema", "dokumenty")
// is written alike by too many.
const minTransliterated = 2

// transliterated returns the language written in another script than Latin whose needs a
// message typed in Latin letters names as its writers type them ("ishu rabotu", "shukaju
// robotu", "khana kerayi"; see recognize.Recognizer.Transliterated), when one holds more of
// its words than the others, at least minTransliterated, and the message holds no small word
// of a Latin-script language (a Polish "szukam kursu niemieckiego" is not Russian); or "".
func (c *Catalog) transliterated(text string) string {
	tokens := recognize.Normalize(text)
	if len(tokens) < minTransliterated {
		return "" // a word alone ("Skip", "Kassel") says too little
	}
	for _, w := range tokens {
		for l := range latinWords {
			if smallWord(l, w) && len(w) > 1 && !slices.Contains(otherScripts, l) {
				return "" // a small word of a Latin-script language: "szukam", "caut" (not "i", also и, і)
			}
		}
	}
	// The Cyrillic lists are read as transliterated, the other ones as typed in Latin
	// letters, but for words the European languages' lists hold (French "demande" in the
	// Arabizi list; Polish words are too like transliterated Russian to leave out there).
	counts := map[string]int{}
	maps.Copy(counts, c.recognizer.Transliterated(text, cyrillicLangs, nil))
	for l, n := range c.recognizer.Transliterated(text, typedInLatin, european) {
		counts[l] = n
	}
	for _, l := range typedInLatin {
		if !marked(l, tokens) {
			delete(counts, l)
		}
	}
	best := bestScore(otherScripts, counts)
	if best == "" || counts[best] < minTransliterated {
		return ""
	}
	return best
}

// marked says whether a message typed in Latin letters (its words, as recognize.Normalize
// splits them) holds a mark of lang (one of typedInLatin) as its writers type it: one of its small words ("ana", "mekhaham"), or for
// Arabic a digit for a letter ("3andi"). Keywords alone are not enough: the Arabizi list
// holds the French words Maghrebi writers use ("carte de sejour" is French too), and the
// Dari and Pashto lists share many words.
func marked(lang string, tokens []string) bool {
	for _, w := range tokens {
		if latinWords[lang][w] || (lang == "ar" && arabizi(w)) {
			return true
		}
	}
	return false
}

// pick returns the language with the highest score. Between languages with the same score
// (none at all, too), the hint wins when it is one of them, then fallback.
func pick(scores map[string]int, hint, fallback string) string {
	best := topScored(scores)
	switch {
	case slices.Contains(best, hint):
		return hint
	case slices.Contains(best, fallback):
		return fallback
	}
	return best[0]
}

// topScored are the languages with the highest score, sorted.
func topScored(scores map[string]int) []string {
	top := slices.Max(slices.Collect(maps.Values(scores)))
	var best []string
	for lang, s := range scores {
		if s == top {
			best = append(best, lang)
		}
	}
	slices.Sort(best)
	return best
}

// Letters and words that point to one of the Arabic-script languages: Kurdish letters (Kurds
// of Iraq and Iran write Kurmanji in Arabic script too, and its lists hold its words so
// written), Pashto's own letters, the letters a Persian keyboard types (Farsi yeh and keheh,
// پ چ ژ گ), the letters only an Arabic keyboard types (ة ى ي ك), the digits each keyboard
// types (۳۴ Persian, ٣٤ Arabic), and a few common words of each.
var (
	kurdishLetters = "ڕڵۆێە"
	pashtoLetters  = "ټډړږښګڼېۍځڅ"
	persianLetters = "پچژگیک"
	arabicLetters  = "ةىيك"
	arabicWords    = words("انا أنا عمري اريد أريد في على هل مرحبا شكرا سنة سنوات عندي ابني ابنتي")
	dariWords      = words("است هستم می میخواهم دارم برای سال ساله کمک خواهش لطفا پسرم دخترم خانه تشکر مه خوب ندارم شده از")
	pashtoWords    = words("زه یم غواړم کلن څنګه دی ته سره مرسته زوی لور ورور وروره لرم نلرم لرو مننه سمه کوم شم نشم")
)

func words(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range recognize.Normalize(s) {
		out[w] = true
	}
	return out
}

func arabicScores(text string) map[string]int {
	scores := map[string]int{"ar": 0, "fa-AF": 0, "ps": 0}
	for _, r := range text {
		switch {
		case strings.ContainsRune(kurdishLetters, r):
			scores["ku"] += 2
		case strings.ContainsRune(pashtoLetters, r):
			scores["ps"] += 2
		case strings.ContainsRune(persianLetters, r):
			scores["fa-AF"]++
			if r != 'گ' {
				scores["ps"]++ // a Pashto keyboard types them too, but for its own ګ
			}
		case strings.ContainsRune(arabicLetters, r):
			scores["ar"]++
		case r >= '۰' && r <= '۹': // Persian digits, which Dari and Pashto keyboards type
			scores["fa-AF"]++
			scores["ps"]++
		case r >= '٠' && r <= '٩': // Arabic-Indic digits, which Arabic keyboards type
			scores["ar"]++
		}
	}
	for _, w := range recognize.Normalize(text) {
		for lang, list := range map[string]map[string]bool{"ar": arabicWords, "fa-AF": dariWords, "ps": pashtoWords} {
			if list[w] {
				scores[lang] += 3 // more than the letters of a keyboard: "من كار ميخواهم" is Dari
			}
		}
	}
	return scores
}

// Letters and words that point to one of the Cyrillic-script languages: і ї є ґ are only
// Ukrainian, ы э ё only Russian, and a hard sign before a consonant, or at the end of a
// word, is Bulgarian. The words are common ones written without those letters ("Добрий
// день" is Ukrainian, "Здравствуйте" Russian), none two of them write alike ("работа",
// "нужна", "привет" are Bulgarian too).
var (
	bulgarianWords = words("съм здравейте искам къде какво години благодаря имам нужда трябва тук си няма нямам мога детето сега вече още защото кога когато друго здрасти се нуждая е")
	ukrainianWords = words("добрий дякую шукаю роботу робота житло допомога допоможіть мене ласка як треба маю можу що вже дитини")
	russianWords   = words("спасибо здравствуйте ищу работу помощь помогите жилье что можно нет")
)

// ukrainianLetter is what a letter only Ukrainian writes (і, ї, є, ґ) counts in cyrillicScores:
// more than a common Russian word, because a Russian keyboard has none of them and Ukrainians
// type Russian words among their own ("мені нада помощь", surzhyk, is a Ukrainian's).
const ukrainianLetter = 3

func cyrillicScores(text string) map[string]int {
	scores := map[string]int{"uk": 0, "ru": 0, "bg": 0}
	runes := []rune(strings.ToLower(text))
	for i, r := range runes {
		switch {
		case strings.ContainsRune("іїєґ", r):
			scores["uk"] += ukrainianLetter
		case strings.ContainsRune("ыэё", r):
			scores["ru"]++
		case r == 'ъ' && (i+1 == len(runes) || !strings.ContainsRune("еёюя", runes[i+1])):
			scores["bg"]++
		}
	}
	for _, w := range recognize.Normalize(text) {
		for lang, list := range map[string]map[string]bool{"bg": bulgarianWords, "uk": ukrainianWords, "ru": russianWords} {
			if list[w] {
				scores[lang] += 2
			}
		}
	}
	return scores
}

// latinLetters are, per Latin-script shipped language, the letters beyond a to z it writes.
var latinLetters = map[string]string{
	"de": "äöüß", "tr": "çğıöşüâîû", "ku": "çêîşû", "ro": "ăâîșțşţ", "pl": "ąćęłńóśźż",
	"fr": "àâæçéèêëîïôœùûüÿ",
}

// latinWords are, per shipped language, common small words of a first message typed in
// Latin letters that the other languages do not write ("ich brauche", "je suis", "waxaan
// ahay"), folded as Normalize folds them; no German word newcomers of every language use
// (Jobcenter, Termin, Kita), and none two of them share ("am", "ma", "ku", "man", "da",
// "de", "az", "kar", "sal", "selam"; Romanian "eu" and "și" are French "eu" and "si" once
// folded). Languages of other scripts are typed in Latin letters too, where a phone has no
// keyboard for them: Arabic as Arabizi ("ana 3andi"), Dari and Pashto as they sound
// ("mekhaham", "ghwaram"), Tigrinya likewise, Russian, Ukrainian and Bulgarian transliterated
// ("mne nuzhna", "meni potribna", "tarsya").
var latinWords = map[string]map[string]bool{
	"en": words("i im and only know with not but of need help hello please my we our want looking thanks you have the where what how this your is good morning evening pls plz paid from for yrs urgently appointment wife husband daughter neighbour house certificate can get got"),
	"de": words("ich bin brauche habe hallo hilfe bitte danke und nicht meine mein wir suche möchte kann guten hat keine kein können mir mich ist einen eine ein mit helfen finde suchen brauchen wo bei beim"),
	"fr": words("je suis besoin bonjour bonsoir merci aide aidez moi svp mon mes nous cherche veux voudrais avec pour est"),
	"ro": words("sunt bună ajutor vreau caut nevoie mulțumesc pentru avem îmi fac cum unde trebuie vine frumos doar meu mea este cu munca chirie grădinița locuința copilul copiii soțul soția"),
	"ku": words("ez silav spas alîkarî dixwazim min hewce xanî jî heval heye tune nîne kurdî bixwazim dikim nizanim dizanim çawa merheba zarok zarokên gelek xwe dibe nabe"),
	"so": words("waxaan waan ahay salaan fadlan mahadsanid caawimaad baahanahay iga ii guri shaqo ayaa baan waxaa waxay iyo oo aan waa yahay ahaa haysto raadinaya raadin sidee maxaan walaal xaas hooyo lacag carruur caruur ilmaha qof hadda maya wax waxba igu kuma kama baa wuu ayuu ayay leh helin heli iska warran cusub fahmo fahmin jirtaa tahay nahay aniga adiga waxaad"),
	"tr": words("ben merhaba yardım istiyorum arıyorum lazım var yok teşekkür çok hiç misin sen ile için nasıl nerede şimdi değil zorunda miyiz misiniz musunuz gerek"),
	"pl": words("jestem potrzebuję pomoc dzień dobry szukam chcę mam proszę dziękuję dla czy jest jak jakiś mnie mogę muszę mamy nic tylko bardzo już teraz gdzie kiedy dlaczego mój moja moje dzieci mąż przez że co jeszcze może wczoraj dzisiaj jutro dzięki witam serdecznie córka żona pani praca pracuję mieszkam mieszkanie nasz nasza wiem żeby dobrze albo pomocy znaleźć mieszkania pracy lat roku sobie"),
	"ar": words("ana enta inta ente inti bidi badi biddi baddi bade 3andi 3indi 3ndi 3ayez 3ayz 3ayza 3awez abghi abi " +
		"3ala 3la ya3ni wallah walla inshallah inshalla shukran shokran mar7aba marhaba ahlan kifak kifik keefak " +
		"shu sho lesh leish kaman kman hada hadi hatha ba3d lazem lazim momken mumkin mmkn ma3i 3omri omri " +
		"sneen snin ktir kteer 7abibi habibi mish msh mesh fe fih"),
	"fa-AF": words("mekhaham mikhaham mekhayam mikhayam mekhaym mekhahom mikham mekhastam mikhastam hastam hastom astam " +
		"mebasham mikonam mekonam nemitanum nemitanam nemetanam nadaram daram mikhahim mekhahim lotfan lutfan " +
		"tashakor tashakur tashakkur chetor chitor khob khub hasti mehrabani baraye baray pesaram dokhtaram shohar " +
		"bachaim bachaha aulad saala"),
	"ps": words("zama zma ghwaram ghwarem ghuaram ghwarum kawam kawom manana manena sanga tsanga tsenga kalan kalana " +
		"wrakra wakra wroor zoy zamung pukhto pashto ye yem"),
	"ti": words("ane ydelyeni yidelyeni ydlyeni yidleyeni alewni aleni eyu iyu kemey kemay hagez hagezuni abzi ezi " +
		"entay intay yekenyeley yekenyeleyi yekenyelay bjaka bejaka ssra"),
	"ru": words("mne menya nuzhna nuzhno nuzhen nuzhny ishchu ischu ishu pomogite pomoshch pomosh pozhaluysta " +
		"pozhalujsta pozhalusta spasibo privet zdravstvuyte zdravstvujte zdrastvuyte kvartiru kvartira zhile zhilye chto shto gde mozhno"),
	"uk": words("meni mene potribna potribno potriben shukayu shukaiu dopomoha dopomohy dopomozhit laska diakuiu dyakuyu " +
		"dyakuju pryvit dobryi dobryy dobrij zhytlo kvartyru shcho mozhna"),
	"bg": words("iskam tarsya tarsia tursya zhilishte blagodarya blagodaria zdraveite zdravei zdrasti molya pomosht " +
		"pomogni pomognete imam nuzhda nujda kade kakvo godini"),
}

// smallWord says whether w (as Normalize gives it) is one of lang's small words (latinWords),
// or has a form only lang's words have (latinForms).
func smallWord(lang, w string) bool {
	if latinWords[lang][w] {
		return true
	}
	f := latinForms[lang]
	if len(w) < minFormWord {
		return false
	}
	return slices.ContainsFunc(f.endings, func(e string) bool { return strings.HasSuffix(w, e) }) ||
		slices.ContainsFunc(f.starts, func(s string) bool { return strings.HasPrefix(w, s) }) ||
		slices.ContainsFunc(f.inside, func(s string) bool { return strings.Contains(w, s) })
}

// minFormWord is the fewest letters of a word read by its form (latinForms).
const minFormWord = 6

// latinForms are, per Latin-script language, the endings, starts and letters inside a word
// (as Normalize folds them) that only its words have, typed without the letters beyond a to
// z too: Turkish verbs in the present ("anlamıyorum", "odeyemiyorum", "diyorlar"), Romanian
// articles joined to the noun ("statului", "copiilor"). Not Polish "prz" and "szcz": the
// names of Polish people are typed in every language ("Frau Szczepaniak").
var latinForms = map[string]struct{ endings, starts, inside []string }{
	"tr": {endings: []string{"iyorum", "uyorum", "iyoruz", "uyoruz", "iyorlar", "uyorlar", "iyor", "uyor", "iyorsun", "uyorsun"}},
	"ro": {endings: []string{"ului", "ilor"}},
}

// minLatinWords is how many of a language's small words (latinWords) a message without its
// special letters must hold to be taken for it: one word ("Hallo", "hello") is written by
// newcomers of every language.
const minLatinWords = 2

// latinGuess returns the one Latin-script language whose letters the text's special letters
// all are (ğ is Turkish, ł Polish), the hint when it is one of several, or else the language
// of whose small words the text holds the most, at least minLatinWords, when it holds none of
// the hint's; or "". Small words win over special letters when the letters' languages have
// none of them and the words are more than the words with those letters: "Ausländerbehörde"
// in a Somali or an Arabizi message is a German word, not a German message.
func latinGuess(text, hint string) string {
	candidates := slices.Sorted(maps.Keys(latinLetters))
	special := false
	lettered := uncapitalised(text) // a name's or a noun's letters are the word's, not the message's
	for _, r := range strings.ToLower(lettered) {
		if !beyondAZ(r) {
			continue
		}
		special = true
		candidates = slices.DeleteFunc(candidates, func(l string) bool { return !strings.ContainsRune(latinLetters[l], r) })
	}
	specialWords := 0 // the words with special letters in them, names and nouns too
	for _, w := range strings.Fields(strings.ToLower(text)) {
		if strings.ContainsFunc(w, beyondAZ) {
			specialWords++
		}
	}
	scores := map[string]int{}
	for _, w := range recognize.Normalize(text) {
		if oneLetter(w) {
			continue
		}
		for l := range latinWords {
			if smallWord(l, w) {
				scores[l]++
			}
		}
		if arabizi(w) {
			scores["ar"]++
		}
	}
	byWords := bestScore(slices.Sorted(maps.Keys(latinWords)), scores)
	lettersSay := ""
	switch {
	case special && len(candidates) == 1 && candidates[0] == "de" && scores["de"] == 0 &&
		(specialWords < 2 || slices.ContainsFunc(slices.Collect(maps.Values(scores)), func(n int) bool { return n > 0 })):
		// German's letters in one word, or beside another language's words, without a German
		// small word: a German office word typed in it ("ausländerbehörde termin vermiyor",
		// "problema cu ausländerbehörde").
	case special && len(candidates) == 1:
		lettersSay = candidates[0]
	case special && slices.Contains(candidates, hint):
		lettersSay = hint
		// Letters the hint's language writes too, and more small words of another that
		// writes them: "Ich möchte Deutsch lernen" on a Turkish phone is German.
		if b := bestScore(candidates, scores); b != "" && scores[b] > scores[hint] {
			lettersSay = b
		}
	}
	if byWords != "" && scores[byWords] > specialWords && !slices.Contains(candidates, byWords) &&
		!slices.ContainsFunc(candidates, func(l string) bool { return scores[l] > 0 }) {
		return byWords
	}
	switch {
	case lettersSay != "":
		return lettersSay
	case special && len(candidates) == 0:
		return ""
	case special:
		byWords = bestScore(candidates, scores)
	}
	if byWords == "" || scores[hint] >= scores[byWords] {
		return "" // too little, or the language known so far is written as much
	}
	return byWords
}

// bestScore is the one language of langs with the highest score, at least minLatinWords, or
// "" (two alike, or too little).
func bestScore(langs []string, scores map[string]int) string {
	best, top := "", 0
	for _, l := range langs {
		if scores[l] > top {
			best, top = l, scores[l]
		} else if scores[l] == top {
			best = "" // two languages alike: neither
		}
	}
	if top < minLatinWords {
		return ""
	}
	return best
}

// arabizi reports whether a word is Arabic typed in Latin letters with digits for the
// letters Latin has none for (3 for ع, 7 for ح, 2 for ء, 5 for خ: "3andi", "ba3d", "la2i",
// "7abibi"; not 6 and 9, which Bulgarian chat writes for ш and щ): a digit between letters, or before three letters at least that are no ordinal
// ("3rd", "2te", "1st" are not).
func arabizi(w string) bool {
	rs := []rune(w)
	letter := func(i int) bool { return i >= 0 && i < len(rs) && rs[i] < 0x80 && unicode.IsLetter(rs[i]) }
	for i, r := range rs {
		if !strings.ContainsRune("2357", r) {
			continue
		}
		if letter(i-1) && letter(i+1) {
			return true
		}
		if i == 0 && len(rs) >= 4 && letter(1) && letter(2) && letter(3) && !ordinals[string(rs[1:])] {
			return true
		}
	}
	return false
}

// ordinals are the endings of numbers written with digits in the Latin-script languages
// ("2nd", "3ten", "5ème"), folded.
var ordinals = map[string]bool{"nd": true, "rd": true, "th": true, "st": true, "te": true, "ten": true, "ter": true,
	"tes": true, "tem": true, "er": true, "eme": true, "ieme": true, "ere": true}
