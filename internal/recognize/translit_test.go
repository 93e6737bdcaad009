package recognize

import (
	"slices"
	"testing"

	"github.com/kassel/wegweiser/internal/directory"
)

// TestLatinTyping checks that Bulgarian, Russian and Ukrainian keywords are found in messages
// typed in Latin letters, in the ways people type them, and that Latin typing finds nothing
// a Cyrillic keyword does not name.
func TestLatinTyping(t *testing.T) {
	r := New(nil, "en")
	r.Add("bg", "education", "училище")
	r.Add("bg", "housing", "квартира, жилище, къща")
	r.Add("bg", "health", "психически")
	r.Add("ru", "money", "помощь деньгами, пособие")
	r.Add("ru", "housing", "жильё")
	r.Add("uk", "housing", "житло")
	r.Add("uk", "german", "німецька мова, курс німецької")
	r.Add("en", "work", "job")
	cases := []struct {
		lang, text string
		want       []directory.Topic
	}{
		{"bg", "v koe u4ili6te da go zapi6a", []directory.Topic{"education"}}, // 4 = ч, 6 = ш
		{"bg", "tarsya kvartira", []directory.Topic{"housing"}},
		{"bg", "trqbva mi jilishte", []directory.Topic{"housing"}},  // j = ж, q = я, sht = щ
		{"bg", "trqbva mi zhilishte", []directory.Topic{"housing"}}, // zh = ж
		{"bg", "kashta za naem", []directory.Topic{"housing"}},      // ъ as a
		{"bg", "kushta za naem", []directory.Topic{"housing"}},      // ъ as u
		{"bg", "psihi4eski mi e tejko", []directory.Topic{"health"}},
		{"bg", "квартира", []directory.Topic{"housing"}}, // Cyrillic as ever
		{"ru", "nuzhna pomoshch dengami", []directory.Topic{"money"}},
		{"ru", "posobie ne prishlo", []directory.Topic{"money"}},
		{"ru", "ishchu zhilyo", []directory.Topic{"housing"}},
		{"uk", "dopomoha z zhytlom", []directory.Topic{"housing"}}, // и typed y
		{"uk", "kurs nimetskoi", []directory.Topic{"german"}},
		{"bg", "need a job", []directory.Topic{"work"}}, // a Latin keyword as written
		{"bg", "hello, thank you", nil},
		{"bg", "kvar", nil},      // a short word is not a stem of a keyword
		{"bg", "12345 4 6", nil}, // digits alone are not letters
	}
	for _, c := range cases {
		if got := r.Recognize(c.lang, c.text); !slices.Equal(got, c.want) {
			t.Errorf("Recognize(%s, %q) = %v, want %v", c.lang, c.text, got, c.want)
		}
	}
}

func TestSkeletonsMeet(t *testing.T) {
	for _, c := range []struct{ lang, cyrillic, latin string }{
		{"bg", "училище", "u4ili6te"},
		{"bg", "трябва", "trqbva"},
		{"bg", "трябва", "tryabva"},
		{"bg", "щастие", "shtastie"},
		{"ru", "счастье", "schastye"},
		{"ru", "счастье", "s4ast'e"},
		{"ru", "помощь", "pomoshch"},
		{"ru", "помощь", "pomosch"},
		{"ru", "жильё", "zhilyo"},
		{"uk", "допомога", "dopomoha"},
		{"uk", "допомога", "dopomoga"},
		{"ru", "центр", "tsentr"},
		{"ru", "хочу", "khochu"},
		{"ru", "хочу", "xo4u"},
	} {
		words := Normalize(c.cyrillic)
		latin := latinSkeleton(Normalize(c.latin)[0])
		if !slices.Contains(cyrillicSkeletons(c.lang, words[0]), latin) {
			t.Errorf("%s %q: skeletons %q, %q typed: %q", c.lang, c.cyrillic, cyrillicSkeletons(c.lang, words[0]), c.latin, latin)
		}
	}
}

// TestOwners: each word of a message is owned by the lists whose phrases the message says
// with it, as typed or transliterated, but not by a context word alone.
func TestOwners(t *testing.T) {
	r := New(nil)
	r.Add("en", "family", "husband hits")
	r.Add("en", "family", "~husband") // a context word (weak)
	r.Add("so", "work", "shaqo")
	r.Add("ru", "housing", "квартира")
	r.Add("de", "work", "jobcenter")
	r.Add("so", "work", "jobcenter")
	r.Build()
	tokens, owners := r.Owners("My husband hits me, shaqo kvartira jobcenter", []string{"en", "so", "ru", "de"})
	want := map[string][]string{"my": nil, "husband": {"en"}, "hits": {"en"}, "me": nil, "shaqo": {"so"},
		"kvartira": {"ru"}, "jobcenter": {"so", "de"}}
	if len(tokens) != len(want) {
		t.Fatalf("tokens %v", tokens)
	}
	for i, tok := range tokens {
		got := slices.Sorted(slices.Values(owners[i]))
		if w := slices.Sorted(slices.Values(want[tok])); !slices.Equal(got, w) {
			t.Errorf("%s: owners %v, want %v", tok, got, w)
		}
	}
	if _, owners := r.Owners("my husband", []string{"en"}); owners[1] != nil {
		t.Errorf("a context word alone is owned: %v", owners[1])
	}
}

// German office words typed as heard match the keywords of the list marked BySound, in every
// language: w as v, ae oe ue as a o u, a doubled letter as one, the lengthening h left out;
// only words of germanSoundLength letters or more, only whole spellings (a stem's: its start),
// and only that list's keywords.
func TestGermanWordsTypedAsHeard(t *testing.T) {
	r := New(nil, "de")
	r.BySound("de")
	r.Add("de", "housing", "wohnung")
	r.Add("de", "family_reunion", "familienzusammenführung")
	r.Add("de", "other", "führerschein*")
	r.Add("de", "family", "kita")
	r.Add("tr", "housing", "wohnheim")
	cases := []struct {
		lang, text string
		want       []directory.Topic
	}{
		{"ar", "wonung", []directory.Topic{"housing"}},
		{"bg", "vohnung tyrsq", []directory.Topic{"housing"}},
		{"tr", "vonung lazım", []directory.Topic{"housing"}},
		{"de", "familienzusamenfürung", []directory.Topic{"family_reunion"}},
		{"en", "fuehrerscheinpruefung", []directory.Topic{"other"}},
		{"en", "wohnzimmer", nil},                        // another word
		{"en", "wonungen", []directory.Topic{"housing"}}, // a long keyword is a stem
		{"en", "vonunk", nil},                            // the whole spelling must sound alike
		{"ar", "kitta", nil},                             // a short word is not compared by its sound
		{"tr", "vonheim", nil},                           // a list not marked BySound
		{"tr", "wohnheim", []directory.Topic{"housing"}},
	}
	for _, c := range cases {
		if got := r.Recognize(c.lang, c.text); !slices.Equal(got, c.want) {
			t.Errorf("%s %q gave %v, want %v", c.lang, c.text, got, c.want)
		}
	}
}
