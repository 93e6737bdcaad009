package i18n

import "testing"

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
		{"ok danke", "en", ""}, // too short
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
