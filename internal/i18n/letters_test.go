package i18n

import (
	"slices"
	"testing"
)

// A message typed in Latin letters that its small words and keywords leave undecided is read
// by its letter sequences when one language's are clearly more like them than the hint's and
// any other's; German never, and a short or mixed message not at all.
func TestGuessByLetters(t *testing.T) {
	c := loadTestCatalog(t)
	for _, tc := range []struct{ text, hint, want string }{
		{"nu gasesc de lucru de doua luni si nu stiu ce sa fac", "de", "ro"},
		{"szukam pracy od dwoch miesiecy i nic nie moge znalezc", "en", "pl"},
		{"je cherche un logement pour ma famille", "de", "fr"},
		{"Wohnung Jobcenter Termin Kindergeld", "en", ""}, // German office words, typed in every language
		{"ich brauche hilfe mit dem brief vom jobcenter", "en", ""},
		{"ok danke", "en", ""},       // too short
		{"Deutsch lernen", "en", ""}, // German's letters as much: no French
		{"Wohnung Arbeit Deutschkurs lernen", "ar", ""},
	} {
		if got := c.byLetters(tc.text, tc.hint); got != tc.want {
			t.Errorf("byLetters(%q, %q) = %q, want %q", tc.text, tc.hint, got, tc.want)
		}
	}
}

// A message in Cyrillic or Arabic script that its letters and small words leave between
// languages of its script is read by its letter sequences; the hint among them stays unless
// they point elsewhere clearly; Kurdish letters are Kurmanji's.
func TestGuessInScript(t *testing.T) {
	c := loadTestCatalog(t)
	for _, tc := range []struct{ text, hint, want string }{
		{"визнання диплому", "de", "uk"},
		{"продовження 24 параграфа", "en", "uk"},
		{"курс по немски", "de", "bg"},
		{"училище за сина ми", "de", "bg"},
		{"нужна квартира срочно", "de", "ru"},
		// A letter only Ukrainian writes outweighs a Russian word: surzhyk is a Ukrainian's.
		{"Здрастє, мені нада помощь з документами", "en", "uk"},
		{"мені нада помощь", "de", "uk"},
		{"добре", "uk", "uk"}, // too short to leave the hint
		{"добре", "bg", "bg"}, // the same
		{"да", "de", "ru"},    // too short: the fallback
		{"نامه آمده", "de", "fa-AF"},
		{"آوردن خانمم", "en", "fa-AF"},
		{"ژنا من و دوو زاروک ل دهۆکێ نه، چاوا دشێم بینمه ڤێرێ؟", "de", "ku"},
		{"سلاڤ هەڤالان، هون چاوانن", "ar", "ku"},
		{"بدي شقة", "de", "ar"},
	} {
		if got := c.Guess(tc.text, tc.hint); got != tc.want {
			t.Errorf("Guess(%q, %q) = %q, want %q", tc.text, tc.hint, got, tc.want)
		}
	}
}

// A short message with one small word of a language (three letters at least) and a need its
// keyword lists hold is that language's, unless another language's small word or a word of
// the hint's own is in it, or it is longer than a few words.
func TestGuessByWordAndNeed(t *testing.T) {
	c := loadTestCatalog(t)
	for _, tc := range []struct{ text, hint, want string }{
		{"cherche appart", "en", "fr"},
		{"besoin d un medecin", "de", "fr"},
		{"brauche hausarzt", "en", "de"},
		{"Brief vom Amt verstehe nicht", "en", "de"},
		{"rassismus im bus", "de", ""},                                    // "im" is English's small word, and German's
		{"please cherche appart", "en", ""},                               // the hint's own word
		{"brauche hausarzt please", "fr", ""},                             // two languages' small words
		{"moje li nqkoi da mi prevede edno pismo ot Finanzamt", "de", ""}, // too long to read so
	} {
		if got := c.byWordAndNeed(tc.text, tc.hint); got != tc.want {
			t.Errorf("byWordAndNeed(%q, %q) = %q, want %q", tc.text, tc.hint, got, tc.want)
		}
	}
}

// A greeting several languages say, and a message of a script several write that holds no
// letter or word of one of them alone, leave those languages undecided: the guess takes one
// (or none: the hint stays), and the others are named. A greeting of one language, the
// hint's among several, a message with a language's own letters or words leave nothing
// undecided.
func TestUndecided(t *testing.T) {
	c := loadTestCatalog(t)
	for _, tc := range []struct {
		text, hint string
		want       []string
	}{
		{"سلام", "", []string{"fa-AF", "ps"}},                      // Arabic guessed, Dari and Pashto as likely
		{"السلام عليكم", "en", nil},                                // an Arabic keyboard's letters: Arabic
		{"سلام علیکم", "en", []string{"ps"}},                       // a Persian keyboard's: Dari, Pashto as likely
		{"سلام", "ps", nil},                                        // a Pashto phone
		{"привет", "de", []string{"uk", "bg"}},                     // Russian guessed
		{"salam", "en", []string{"ar", "fa-AF", "so", "ps", "fr"}}, // English stays, five as likely
		{"salut", "de", []string{"ro", "fr"}},
		{"salut", "fr", nil},
		{"مرحبا", "en", nil},       // Arabic's alone
		{"merhaba", "de", nil},     // Turkish's
		{"hallo", "en", nil},       // everyone's
		{"کار میخواهم", "de", nil}, // Dari's own word
		{"زه کار غواړم", "de", nil},
		{"کار", "de", []string{"ps"}}, // Dari or Pashto: the Persian letters both type
		{"34", "en", nil},
	} {
		if tc.text == "سلام علیکم" && c.Guess(tc.text, tc.hint) != "fa-AF" {
			t.Errorf("Guess(%q) = %q, want fa-AF: more newcomers speak Dari", tc.text, c.Guess(tc.text, tc.hint))
		}
		if got := c.Undecided(tc.text, tc.hint); !slices.Equal(got, tc.want) {
			t.Errorf("Undecided(%q, %q) = %q, want %q (guess %q)", tc.text, tc.hint, got, tc.want, c.Guess(tc.text, tc.hint))
		}
	}
}

// German nouns and office words with one German word ("Arbeit suchen") are typed in every
// language: they leave a conversation in another language as it is; a German sentence (two
// of its small words) does not.
func TestGermanWordsKeepTheLanguage(t *testing.T) {
	c := loadTestCatalog(t)
	for _, tc := range []struct {
		lang, text string
		keeps      bool
	}{
		{"ar", "Arbeit suchen", true},
		{"ru", "Wohnung suchen", true},
		{"en", "Termin bitte", true},
		{"ar", "ich suche eine Wohnung", false},
		{"tr", "ich brauche Hilfe mit dem Brief", false},
	} {
		if got := c.Keeps(tc.lang, "de", tc.text); got != tc.keeps {
			t.Errorf("Keeps(%q, de, %q) = %v, want %v", tc.lang, tc.text, got, tc.keeps)
		}
	}
}

// A call for help, "I don't understand" or thanks that one language's list holds is that
// language's, as a greeting is ("ajutor" is Romanian, "caawimaad" Somali); English and
// German ones are everyone's.
func TestWholeSayingsTellTheLanguage(t *testing.T) {
	c := loadTestCatalog(t)
	for text, want := range map[string]string{"ajutor": "ro", "pomocy": "pl", "caawimaad": "so", "nu inteleg": "ro", "anlamadım": "tr", "help": "", "danke": ""} {
		if got := c.Guess(text, "en"); got != want {
			t.Errorf("Guess(%q, en) = %q, want %q", text, got, want)
		}
	}
}
