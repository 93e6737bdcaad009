package recognize_test

import (
	"slices"
	"testing"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/testharness"
)

// A danger phrase whose words are found apart (no "=") is read where its words stand
// together: a common keyword ("to", "zu") met earlier after a "not" does not put it behind a
// not-context ("not #", "nicht #"), so the writer who wants to die gets the crisis line.
func TestDangerNotLostToAnEarlierCommonKeyword(t *testing.T) {
	cat := testharness.Catalog(t)
	cases := []struct{ lang, text string }{
		{"en", "I try not to cry but I have no reason to live"},
		{"en", "I was told not to worry. I want to die"},
		{"de", "Ich versuche nicht zu weinen, aber ich habe keine Lust mehr zu leben"},
	}
	for _, c := range cases {
		if got := cat.Danger(c.lang, c.text); !slices.Contains(got, directory.Topic("health")) {
			t.Errorf("Danger(%s, %q) = %v, want health (Recognize: %v)", c.lang, c.text, got, cat.RecognizeTopics(c.lang, c.text))
		}
	}
}

// A danger said before "all is fine, but ..." counts: a danger is no settled life.
func TestDangerBeforeAllIsFine(t *testing.T) {
	cat := testharness.Catalog(t)
	cases := []struct{ lang, text string }{
		{"en", "My husband beats me. Apart from that all is fine, but I need a German course"},
		{"de", "Mein Mann schlägt mich. Sonst ist alles gut, aber ich brauche einen Deutschkurs"},
	}
	for _, c := range cases {
		if got := cat.Danger(c.lang, c.text); !slices.Contains(got, directory.Topic("family")) {
			t.Errorf("Danger(%s, %q) = %v, want family", c.lang, c.text, got)
		}
	}
}

// A need said with a "not" that is no correction ("I have not work", "я не работаю") and
// followed by nothing but a context word ("my children") stays the need: the context word
// does not make the message a family matter.
func TestNotBeforeNeedAndOnlyAContextWordAfter(t *testing.T) {
	cat := testharness.Catalog(t)
	cases := []struct{ lang, text string }{
		{"en", "I have not work and my children are hungry"},
		{"ru", "Я не работаю, у меня трое детей"},
		{"pl", "nie pracuję, mam dwoje dzieci"},
	}
	for _, c := range cases {
		if got := cat.RecognizeTopics(c.lang, c.text); !slices.Contains(got, directory.Topic("work")) {
			t.Errorf("RecognizeTopics(%s, %q) = %v, want work among them", c.lang, c.text, got)
		}
	}
}

// The ways of saying a danger that an adversarial run found unmarked (2026-12-05), and two
// that must not read as one: a language learner's "I do not speak German well, are there
// courses?" in Romanian, and "I want to live in Kassel" in Somali.
func TestDangerFoundByAdversarialRun(t *testing.T) {
	cat := testharness.Catalog(t)
	cases := []struct {
		lang, text string
		want       directory.Topic // "" for none
	}{
		{"de", "ich bringe mich um", "health"},
		{"ar", "سأقتل نفسي", "health"},
		{"ar", "ما بدي عيش بعد اليوم", "health"},
		{"so", "waan is dili doonaa", "health"},
		{"so", "ma doonayo inaan noolaado", "health"},
		{"fa-AF", "شوهرم مرا زد", "family"},
		{"de", "ich habe Angst vor meinem Mann, er schlägt die Kinder", "family"},
		{"en", "my boyfriend is violent", "family"},
		{"ro", "nu vorbesc bine germana, exista cursuri?", ""},
		{"so", "waxaan rabaa inaan ku noolaado Kassel", ""},
	}
	for _, c := range cases {
		got := cat.Danger(c.lang, c.text)
		if c.want == "" && len(got) > 0 || c.want != "" && !slices.Contains(got, c.want) {
			t.Errorf("Danger(%s, %q) = %v, want %q", c.lang, c.text, got, c.want)
		}
	}
}

// A danger written in another language than the one the bot reads the writer in (Turkish on a
// phone set to German, Arabic after choosing English, Arabic typed in Latin letters) brings the
// help all the same, from that language's danger phrases; a short or shared word of another
// language does not ("tehdit", a threat, said of a landlord in Turkish; "be me" is not
// Bulgarian "бие ме").
func TestDangerInAnotherLanguage(t *testing.T) {
	cat := testharness.Catalog(t)
	cases := []struct {
		lang, text string
		want       []directory.Topic
	}{
		{"de", "kocam beni dövüyor", []directory.Topic{"family"}},
		{"en", "زوجي يضربني", []directory.Topic{"family"}},
		{"de", "jozi byedrobni", []directory.Topic{"family"}},
		{"de", "maz mnie bije", []directory.Topic{"family"}},
		{"en", "they gave me duldung, am i going to be deported?", nil},
		{"tr", "Kira borcum birikti, ev sahibi çıkarmakla tehdit ediyor", nil},
		{"ku", "hefteya bê anhörung li bamf heye, ez ditirsim", nil},
		{"de", "Ich suche eine Wohnung für meine Familie", nil},
	}
	for _, c := range cases {
		if got := cat.Danger(c.lang, c.text); !slices.Equal(got, c.want) {
			t.Errorf("Danger(%s, %q) = %v, want %v", c.lang, c.text, got, c.want)
		}
	}
}

// A danger phrase is read wherever it occurs: a look-alike that claims its first place ("beats
// me at chess") does not hide the same words said as a danger further on.
func TestDangerAfterALookAlike(t *testing.T) {
	cat := testharness.Catalog(t)
	cases := []struct {
		lang, text string
		want       []directory.Topic
	}{
		{"bg", "жена ми ме бие на шах", nil},
		{"bg", "жена ми ме бие на шах, а после ме бие наистина", []directory.Topic{"family"}},
		{"en", "my husband beats me at chess", nil},
		{"en", "my husband beats me at chess and when he loses he beats me", []directory.Topic{"family"}},
		{"tr", "karım tavlada beni hep dövüyor", nil},
		{"tr", "kocam tavlada beni dövüyor, sonra evde de beni dövüyor", []directory.Topic{"family"}},
	}
	for _, c := range cases {
		if got := cat.Danger(c.lang, c.text); !slices.Equal(got, c.want) {
			t.Errorf("Danger(%s, %q) = %v, want %v", c.lang, c.text, got, c.want)
		}
	}
}
