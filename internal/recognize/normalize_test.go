package recognize

import (
	"slices"
	"testing"
)

func TestNormalize(t *testing.T) {
	cases := []struct {
		name, in string
		want     []string
	}{
		{"case and punctuation", "Ich brauche eine WOHNUNG!", []string{"ich", "brauche", "eine", "wohnung"}},
		{"umlaut and its spelling", "Änderung Aenderung", []string{"anderung", "anderung"}},
		{"sharp s", "Straße", []string{"strasse"}},
		{"turkish", "İŞ arıyorum, Kassel'de", []string{"is", "ariyorum", "kasselde"}},
		{"kurmanji", "Xwendina Zimanê", []string{"xwendina", "zimane"}},
		{"polish", "Mieszkanie, pracę, łóżko", []string{"mieszkanie", "prace", "lozko"}},
		{"romanian cedilla and comma", "locuință locuinţă", []string{"locuinta", "locuinta"}},
		{"cyrillic yo", "Ещё жильё", []string{"еще", "жилье"}},
		{"a german word glued to tigrinya", "ንKindergeld", []string{"ን", "kindergeld"}},
		{"a german word glued to the arabic article", "بالjobcenter", []string{"بال", "jobcenter"}},
		{"a german word glued before arabic letters", "jobcenterمن", []string{"jobcenter", "من"}},
		{"ukrainian apostrophe", "сім’я сім'я", []string{"сімя", "сімя"}},
		{"invisible characters join", "3\u200b4 Woh\u00adnung \u200fسكن\u200f", []string{"34", "wohnung", "سکن"}},
		{"french elision", "L’École d'asile qu'on j'ai", []string{"l", "ecole", "d", "asile", "qu", "on", "j", "ai"}},
		{"other apostrophes join", "don't su'aal l'", []string{"dont", "suaal", "l"}},
		{"arabic letters", "أريد شقّة في مدينتي", []string{"ارید", "شقه", "فی", "مدینتی"}},
		{"persian keyboard", "كار مي‌خواهم", []string{"کار", "میخواهم"}},
		{"tatweel and digits", "عـــمل ٣٤ ۲۵", []string{"عمل", "34", "25"}},
		{"pashto letters", "ګټه ډاکټر", []string{"گته", "داکتر"}},
		{"ethiopic", "ኣብ ሐኪም፣ ዓዲ", []string{"አብ", "ሀኪም", "አዲ"}},
		{"nfkc", "ｗｏｈｎｕｎｇ", []string{"wohnung"}},
		{"latin letters in a cyrillic word", "брiф мiсце cпасибо Kвартира robota", []string{"бріф", "місце", "спасибо", "квартира", "robota"}},
		{"persian plural after a space", "بچه هایم و خانه ها", []string{"بچههایم", "و", "خانهها"}},
		{"initials with dots are one word", "what is M.B.E? J.M.D. z.B. Ü.A", []string{"what", "is", "mbe", "jmd", "zb", "ua"}},
		{"a sentence's end and a date are not initials", "in Kassel. A friend, 5.1.2001 a.", []string{"in", "kassel", "a", "friend", "5", "1", "2001", "a"}},
		{"persian heim after a preposition", "در هایم زندگی میکنیم، په هایم کې", []string{"در", "هایم", "زندگی", "میکنیم", "په", "هایم", "کی"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Normalize(c.in); !slices.Equal(got, c.want) {
				t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

// An Arabic word after "and" with its article is also the word as listed with its article:
// "والحمدلله" is "الحمدلله" (a phrase of what the writer has begins with it), "والبيت" "البيت".
func TestAndBeforeTheArticle(t *testing.T) {
	for w, want := range map[string]string{"والحمدلله": "الحمدلله", "والبيت": "البیت"} {
		vs := wordVariants(Normalize(w)[0])
		if !slices.Contains(vs, Normalize(want)[0]) {
			t.Errorf("%s: %q, want %s among them", w, vs, want)
		}
	}
}

func TestEthiopicNumerals(t *testing.T) {
	for in, want := range map[string][]string{
		"፳፰":         {"28"},
		"እድመይ ፳፰ እዩ": {"እድመይ", "28", "እዩ"},
		"፲፱፻፹፭":      {"1985"},
		"፻":          {"100"},
		"፱ ፲":        {"9", "10"},
		"ሰላም":        {"ሰላም"},
		"፳፰ዓመት":      {"28", "አመት"}, // ዓ folds as ዐ and አ do
		"፪፼":         {"20000"},
	} {
		if got := Normalize(in); !slices.Equal(got, want) {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWordClauses: the clause of each word, parted by punctuation in each script, a spaced
// dash and line breaks; nil for one clause.
func TestWordClauses(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []int
	}{
		{"weiß die PLZ nicht, wohne in Baunatal", []int{0, 0, 0, 0, 1, 1, 1}},
		{"Kassel", nil},
		{"", nil},
		{"34-127 Kassel", nil},
		{"Nieder-Kaufungen - nicht Kassel", []int{0, 0, 1, 1}},
		{"ما بعرف الرمز، ساكن ببوناتال", []int{0, 0, 0, 1, 1}},
		{"ፖስታ ኮድ ኣይፈልጥን። ኣብ ባውናታል", []int{0, 0, 0, 1, 1}},
		{"no\nKassel?! yes…", []int{0, 1, 3}},
		{"Kassel, , ,", []int{0}},
	} {
		if got := WordClauses(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("WordClauses(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
