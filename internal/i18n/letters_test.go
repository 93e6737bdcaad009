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
