package i18n

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/recognize"
)

// numberWords reads a catalog's age.number_words into value → its words (weak ones without
// the ~), leaving out the joining words.
func numberWords(t *testing.T, c *Catalog, lang string) map[int][]string {
	t.Helper()
	out := map[int][]string{}
	for _, entry := range strings.Split(c.message(lang, "age.number_words"), ",") {
		word, value, _ := strings.Cut(strings.TrimSpace(entry), "=")
		if value == "+" {
			continue
		}
		v, err := strconv.Atoi(value)
		if err != nil {
			t.Fatalf("%s: %q", lang, entry)
		}
		out[v] = append(out[v], strings.TrimPrefix(word, "~"))
	}
	return out
}

// TestNumberWordsCoverOneToNinetyNine: in every language, every number from 1 to 99 written
// in its words (its own word, or tens and units, or ten and a unit) is read as that number,
// whichever of the listed spellings is used.
func TestNumberWordsCoverOneToNinetyNine(t *testing.T) {
	c := loadTestCatalog(t)
	for _, lang := range Shipped {
		words := numberWords(t, c, lang)
		for _, v := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90} {
			if len(words[v]) == 0 {
				t.Errorf("%s: no word for %d", lang, v)
			}
		}
		spell := func(n, variant int) string {
			pick := func(v int) string { return words[v][variant%len(words[v])] }
			switch {
			case len(words[n]) > 0:
				return pick(n)
			case n < 20:
				return pick(10) + " " + pick(n-10)
			}
			return pick(n/10*10) + " " + pick(n%10)
		}
		for n := 1; n <= 99; n++ {
			for variant := range 3 {
				text := spell(n, variant)
				if got, _ := c.Numbers(lang, text); !slices.Equal(got, []int{n}) {
					t.Errorf("%s: %q read as %v, want %d", lang, text, got, n)
				}
			}
		}
	}
}

// TestNumbersInSentences: numbers inside a sentence, in digits and words, in several
// languages; a word that is also an article is no number.
func TestNumbersInSentences(t *testing.T) {
	c := loadTestCatalog(t)
	for _, tc := range []struct {
		lang, text string
		want       []int
	}{
		{"en", "I am thirty-five and my son is three", []int{35, 3}},
		{"de", "Ich bin einunddreißig Jahre alt", []int{31}},
		{"de", "ein Kind von fünf Jahren", []int{5}},
		{"ar", "عمري ٣٥ وابني عمره ٣", []int{35, 3}},
		{"ar", "انا عمري خمسة وثلاثين", []int{35}},
		{"fa-AF", "یک پسر دارم، نوزده ساله", []int{19}},
		{"ps", "زه پنځه ویشت کلن یم", []int{25}},
		{"uk", "мені тридцять чотири роки, доньці п'ять", []int{34, 5}},
		{"tr", "bir oğlum var, otuz yaşındayım", []int{30}},
		{"fr", "j'ai un fils de sept ans", []int{7}},
		{"fr", "soixante-dix-neuf", []int{79}},
		{"so", "waxaan ahay labaatan iyo sagaal jir", []int{29}},
		{"ti", "ዕድመይ ዓሰርተ ሸሞንተ", []int{18}},
	} {
		if got, _ := c.Numbers(tc.lang, tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("Numbers(%s, %q) = %v, want %v", tc.lang, tc.text, got, tc.want)
		}
	}
}

// TestTimesAndCountsAreNoAge: in every language, a time ("2 years ago", "for 3 months") and a
// count of children beside the age are read as no age, and the age still is.
func TestTimesAndCountsAreNoAge(t *testing.T) {
	c := loadTestCatalog(t)
	for _, tc := range []struct {
		lang, text string
		want       []int
		others     int
	}{
		{"en", "I came to Germany 2 years ago, I am 34 and have 3 children", []int{34}, 2},
		{"en", "we are here for 6 months", nil, 1},
		{"de", "Ich bin seit 3 Jahren in Deutschland, bin 41 und habe 2 Kinder", []int{41}, 2},
		{"de", "vor zwei Jahren kam ich, ich bin dreißig", []int{30}, 1},
		{"fr", "je suis arrivé il y a 2 ans, j'ai 29 ans et 3 enfants", []int{29}, 2},
		{"pl", "przyjechałam 2 lata temu, mam 33 lata i 2 dzieci", []int{33}, 2},
		{"ro", "am venit acum 2 ani, am 38 de ani și 3 copii", []int{38}, 2},
		{"bg", "дойдохме преди 2 години, на 45 съм, имам 3 деца", []int{45}, 2},
		{"ru", "мы приехали 2 года назад, мне 36, у меня 3 детей", []int{36}, 2},
		{"uk", "ми тут 8 місяців, мені 27", []int{27}, 1},
		{"tr", "3 yıldır Almanyadayım, 40 yaşındayım, 2 çocuğum var", []int{40}, 2},
		{"ar", "أنا في ألمانيا منذ ٣ سنوات، عمري ٣٢ وعندي ٤ أطفال", []int{32}, 2},
		{"fa-AF", "۲ سال پیش آمدم، ۳۰ ساله هستم و ۳ طفل دارم", []int{30}, 2},
		{"ps", "دوه کاله مخکې راغلم، ۳۰ کلن یم", []int{30}, 1},
		{"ku", "2 sal berê hatim, ez 31 salî me", []int{31}, 1},
		{"ti", "ቅድሚ 2 ዓመት መጺአ፣ ዕድመይ 30 እዩ", []int{30}, 1},
		{"so", "waxaan imid 2 sano ka hor, waxaan ahay 30 jir", []int{30}, 1},
	} {
		got, others := c.Numbers(tc.lang, tc.text)
		if !slices.Equal(got, tc.want) || others != tc.others {
			t.Errorf("Numbers(%s, %q) = %v and %d others, want %v and %d", tc.lang, tc.text, got, others, tc.want, tc.others)
		}
	}
}

// TestGuessLanguage: the script of a message, and letters and small words only some
// languages use, point to its language; the hint decides where the script says nothing more.
func TestGuessLanguage(t *testing.T) {
	c := loadTestCatalog(t)
	for _, tc := range []struct{ text, hint, want string }{
		{"мені 34", "en", "uk"},
		{"Добрий день", "en", "uk"},
		{"Привет", "en", "ru"},
		{"خانه", "en", "fa-AF"},
		{"Мне нужна квартира", "en", "ru"},
		{"мне 34", "uk", "uk"},
		{"мне 34", "", "ru"},
		{"Здравейте, търся работа", "ru", "bg"},
		{"عمري ٣٥ سنة", "en", "ar"},
		{"سلام", "fa-AF", "fa-AF"},
		{"سلام", "ps", "ps"},
		{"مرحبا", "", "ar"},
		{"من نوزده ساله هستم", "en", "fa-AF"},
		{"کار پیدا کنم", "ar", "fa-AF"},
		{"زه نولس کلن یم", "fa-AF", "ps"},
		{"ښځه یم", "", "ps"},
		{"ሰላም", "en", "ti"},
		{"İş arıyorum", "en", "tr"},
		{"Szukam mieszkania, potrzebuję pomocy", "de", "pl"},
		{"Szukam mieszkania", "de", "pl"}, // a small word and a keyword only Polish writes
		// Small words of a first message typed without its special letters, or in a
		// language without them: the message was left in the phone's language.
		{"corka szuka pracy przez agencje", "de", "pl"},
		{"lacag ma haysto walaal, sidee yeelaa", "de", "so"},
		{"ilmaha iskuul ayaan u raadinayaa", "de", "so"},
		{"unde pot gasi un medic pentru copilul meu", "de", "ro"},
		{"heval ez nizanim cawa bikim", "de", "ku"},
		{"ich war noch nie beim Arzt", "en", "de"}, // German "nie" (never) is no Polish "nie"
		{"good morning, visa extension pls", "de", "en"},
		{"Kindergeld not paid for my daughter", "de", "en"},
		{"Caut o locuință", "en", "ro"},
		{"Ich suche eine Wohnung für meine Familie, ß", "en", "de"},
		{"hello", "en", ""},
		{"Hallo", "ar", ""},
		{"Hallo, ich brauche Hilfe", "", "de"},
		{"Hallo, ich brauche Hilfe", "en", "de"},
		{"Bonjour, je cherche un logement", "en", "fr"},
		{"Buna ziua, caut de lucru si am nevoie de ajutor", "en", "ro"},
		{"Silav, ez xanî dixwazim", "en", "ku"},
		{"Salaan, waxaan u baahanahay guri", "en", "so"},
		{"I need help with the Jobcenter", "de", "en"},
		{"Jobcenter Termin Brief", "en", ""},
		{"ich brauche Hilfe", "de", ""},
		{"Bonjour, j'ai eu un refus, si possible aidez moi", "fr", ""},
		{"Bonjour, j'ai eu un refus, si possible aidez moi", "", "fr"},
		// Words only one catalog says ("lettre", "vous", "pouvez": ownWords) are evidence too; a
		// word of the hint's beside more of another language's leaves it that language.
		{"J'ai eu une lettre, si vous pouvez m'aider", "en", "fr"},
		{"Hallo, ich brauche Hilfe, please", "en", "de"},
		{"jestem z Polski, pracuje na budowie i szukam pokoju", "en", "pl"}, // "i" is Polish "and" too
		// Polish and Turkish typed without their letters, beside German words.
		{"rozwodze sie, maz nie placi nic na dzieci, co z Unterhalt i Kindergeld", "de", "pl"},
		{"Vermieter podniosl Miete o 150 euro, nie dam rady placic, jest jakis Wohngeld?", "de", "pl"},
		{"kira artti, odemek zorunda miyiz, ne yapmamiz gerek", "de", "tr"},
		{"mon patron me paie pas depuis 2 mois", "de", "fr"},
		{"patron 2 aydir maas odemiyor, ne yapmaliyim", "de", "tr"},
		{"търся работа и квартира", "ru", "bg"},
		{"کار غوارم هر کار وی، کور نه لرم", "fa-AF", "ps"},
		{"34", "uk", ""},
		{"ê", "fr", "fr"},
		{"۳۴", "de", "fa-AF"}, // Persian digits: a Dari (or Pashto) keyboard
		{"۳۴", "ps", "ps"},
		{"٣٤", "de", "ar"},
		// Languages of other scripts typed in Latin letters, on a phone set to German.
		{"3andi 34 sana w bahki 3arabi", "de", "ar"},
		{"salam, ana bidi sakan", "de", "ar"},
		{"privet, mne nuzhna kvartira", "de", "ru"},
		{"pryvit, meni potribna dopomoha", "de", "uk"},
		{"zdraveite, tarsya rabota, blagodarya", "de", "bg"},
		{"salam, man kar mekhaham, lotfan", "de", "fa-AF"},
		{"zama kor ta zma ghwaram", "de", "ps"},
		{"selam, ane ydelyeni hagez", "de", "ti"},
		// A German word among them is a loan word; digits are Arabizi letters only between
		// letters or before a word that is no ordinal.
		{"waxaan u baahanahay Ausländerbehörde", "de", "so"},
		{"ana bidi termin bel Ausländerbehörde", "de", "ar"},
		{"I need help, 2nd floor, 3rd time", "de", "en"},
		{"Grüß Gott, i bräucht a Hilf, wo i hin muass", "", "de"},
		{"na budowie ciągle na nas wołają i my", "en", "pl"},
		// Needs transliterated from Cyrillic: the keywords of one language's lists, read as
		// typed in Latin letters; not German loan words, nor a Polish message.
		{"uchitelka v shkole obizhaet doch", "de", "ru"},
		{"likar dlia dytyny ta shkola", "de", "uk"},
		{"uchilishte za deteto i lekar", "de", "bg"},
		// Needs as the Dari and Pashto lists spell them in Latin letters; not French words that
		// the Arabizi list borrows.
		{"khana kerayi peyda nemitanum", "de", "fa-AF"},
		{"kor na larum, kar ghwarum", "de", "ps"},
		{"ma demande d'asile a ete refusee", "de", "fr"}, // French after all: its own keywords
		{"habe ablehnung bekommen vom bamf, was jetzt", "", ""},
		{"miejsce w kita dla syna i kurs niemieckiego", "de", "pl"}, // Polish by its own words
		// The words that only one language's keyword lists hold, with its small words: a
		// short message without enough small words is still read ("my" alone is too little).
		{"My husband hits me", "de", "en"},
		{"My husband hits me", "ar", "en"},
		{"no money for rent", "de", "en"},
		{"guri iyo shaqo", "de", "so"},
		{"caut loc de munca", "en", "ro"},
		{"my Jobcenter", "de", ""},
		// Never German by its keywords, which every language types; a word the Dari list
		// spells in Latin letters is Kurmanji's no more than Dari's, but beside a Dari small
		// word ("mekhaym", I want) it is Dari's; letters beyond a to z leave only the
		// languages that write them.
		{"Wohnung Jobcenter Termin Kindergeld", "en", ""},
		{"kurse almani", "de", ""},
		{"kurse almani mekhaym", "de", "fa-AF"},
		// A greeting alone is the language whose greetings hold it, or the hint's among
		// several; never German's or English's, which every newcomer greets with.
		{"merhaba", "en", "tr"},
		{"cześć", "en", "pl"},
		{"salut", "ro", "ro"},
		{"salut", "en", ""},
		{"hallo", "tr", ""},
		// A word of one letter is no language's small word: "i" is English "I", Bulgarian
		// and Polish "and", Somali "me".
		{"kaza 4e 6te pla6ta 12 na 4as, a dava po 7, ve4e 2 meseca. i mi vze li4nata karta i ne mi q vra6ta", "de", "bg"},
		{"hefteya bê anhörung li bamf heye, ez ditirsim", "de", "ku"}, // Kurmanji's own words, and ê
		// French words the Arabizi list holds are no Arabic without a mark of Arabizi; a
		// German word in another language's list is still German.
		{"carte de sejour", "de", "fr"}, // French words, which the Arabizi list borrows: French, not Arabic
		{"Kündigung Internet", "en", ""},
		// Letters the hint's language writes too leave it the hint only when no other
		// language's words say more; a letter only the hint's language writes keeps it.
		{"kocam beni dövüyor", "de", "tr"},
		{"Grüß Gott, i bräucht a Hilf bei da Anmeldung", "de", "de"},
	} {
		if got := c.Guess(tc.text, tc.hint); got != tc.want {
			t.Errorf("Guess(%q, %q) = %q, want %q", tc.text, tc.hint, got, tc.want)
		}
	}
}

// TestNamedLanguage: a message that is a language's name, in its own language or in any
// shipped one, names that language; other words do not.
func TestNamedLanguage(t *testing.T) {
	c := loadTestCatalog(t)
	for _, tc := range []struct{ text, want string }{
		{"Українська", "uk"}, {"украинский", "uk"}, {"Ukrainian", "uk"}, {"arabic", "ar"}, {"Arabisch", "ar"},
		{"العربية", "ar"}, {"عربي", "ar"}, {"دری", "fa-AF"}, {"Dari", "fa-AF"}, {"فارسی", "fa-AF"}, {"Farsi", "fa-AF"},
		{"پښتو", "ps"}, {"Kurdî", "ku"}, {"Kurmancî", "ku"}, {"TÜRKÇE", "tr"}, {"tigrinya", "ti"}, {"ትግርኛ", "ti"},
		{"Somali", "so"}, {"français", "fr"}, {"Deutsch", "de"}, {"english", "en"}, {"Română", "ro"}, {"romana", "ro"},
		// Names CLDR gives in no shipped language, from the catalogs' language.also_named.
		{"arabi", "ar"}, {"russki", "ru"}, {"inglizi", "en"}, {"almani", "de"}, {"pashtu", "ps"}, {"tigrigna", "ti"},
		{"romaneste", "ro"}, {"kurdi", "ku"},
	} {
		if got, ok := c.Named(tc.text); !ok || got != tc.want {
			t.Errorf("Named(%q) = %q, %v; want %s", tc.text, got, ok, tc.want)
		}
	}
	for _, text := range []string{"hello", "34", "I speak Arabic", "ich brauche Deutsch", "", "a"} {
		if got, ok := c.Named(text); ok {
			t.Errorf("Named(%q) = %s", text, got)
		}
	}
	for _, lang := range Shipped {
		if got, ok := c.Named(c.names[lang]); !ok || got != lang {
			t.Errorf("%s's own name %q names %q", lang, c.names[lang], got)
		}
	}
}

// TestNamedAmong: a language's name among a word or two more names it, also inflected in
// Cyrillic ("на русском") or with a preposition written as one with it in Arabic script and
// Ethiopic ("بالعربي"); two languages, a longer message, a name said not to be meant, or a
// Latin or Persian word that only begins like a name (a country, a people) do not.
func TestNamedAmong(t *testing.T) {
	c := loadTestCatalog(t)
	for _, tc := range []struct{ lang, text, want string }{
		{"en", "arabic please", "ar"}, {"de", "farsi lotfan", "fa-AF"}, {"en", "Deutsch bitte", "de"},
		{"uk", "русский пожалуйста", "ru"}, {"de", "in English please", "en"}, {"de", "Türkçe lütfen", "tr"},
		{"en", "العربية من فضلك", "ar"}, {"de", "ukrainian", "uk"},
		{"uk", "по-русски", "ru"}, {"uk", "на русском", "ru"}, {"ru", "українською", "uk"},
		{"ru", "по-українськи", "uk"}, {"en", "на английском", "en"}, {"ru", "по-болгарски", "bg"},
		{"de", "بالعربية", "ar"}, {"de", "بالعربي", "ar"}, {"ar", "بالانجليزي", "en"}, {"ar", "بالروسي", "ru"},
		{"en", "በትግርኛ", "ti"}, {"fa-AF", "بالالمانی", "de"}, {"de", "на русском языке", "ru"}, {"ru", "українською мовою", "uk"},
		// A name that is a country's too, with the word for a language or a preposition.
		{"ti", "ብጀርመን", "de"}, {"ti", "ብቋንቋ ጀርመን", "de"}, {"so", "af Jarmal", "de"}, {"so", "Jarmal fadlan af", "de"},
		// Asked for with the words of language.ask, in any language, beside up to two more.
		{"en", "can you speak arabic", "ar"}, {"de", "по-русски пожалуйста", "ru"}, {"de", "Sprechen Sie Türkisch?", "tr"},
		{"en", "do you speak farsi?", "fa-AF"}, {"tr", "Türkçe konuşabilir misiniz", "tr"}, {"ar", "ممكن تحكي عربي", "ar"},
		{"ru", "можете говорить по-русски", "ru"}, {"uk", "можна українською будь ласка", "uk"}, {"ro", "vorbiti romana?", "ro"},
		{"fr", "vous parlez francais ?", "fr"}, {"so", "ma ku hadli kartaa Soomaali", "so"},
		{"ti", "ብትግርኛ ጽሓፍ በጃኻ", "ti"}, {"bg", "може ли на български", "bg"}, {"ku", "tu dikarî bi kurmancî biaxivî", "ku"},
		{"en", "please write in Pashto only", "ps"}, {"de", "Können Sie bitte auf Englisch schreiben", "en"},
		{"de", "пиши по-русски", "ru"}, {"ru", "напиши українською", "uk"}, {"de", "hûn dikarin bi kurmancî biaxivin", "ku"},
		{"de", "po polsku prosze", "pl"}, {"pl", "możesz pisać po niemiecku?", "de"}, {"en", "po angielsku", "en"},
	} {
		if got, ok := c.NamedAmong(tc.lang, tc.text); !ok || got != tc.want {
			t.Errorf("NamedAmong(%s, %q) = %q, %v; want %s", tc.lang, tc.text, got, ok, tc.want)
		}
	}
	for _, text := range []string{"arabic or english", "I speak Arabic and a little English", "hello", "", "bitte",
		"not arabic", "nicht Arabisch", "no Arabic", "kein Arabisch", "Arabic no", "not in Arabic", "nicht auf Arabisch",
		"pas arabe", "pas en arabe", "Arapça yok", "ne bi erebî", "no English", "Germany", "Romania", "Somalia", "Deutschland", "polis", "Россия", "Украина",
		"عرب", "المان", "در", "ترک", "کرد", "جاري الروسي", "صديقي الصومالي", "из арабской страны", "польская фирма",
		"мы украинские беженцы",
		// More words than a request for a language: a need, a story.
		"I want to learn German please", "can you help me with an arabic translation", "please write in German what I need",
		"я говорю по-русски и ищу работу", "ich spreche Arabisch und suche eine Wohnung",
		// A Latin word a letter away from a name without a short word asking before it.
		"polsku", "dobre polsku", "I live in Polska", "in Polska",
		// A name that is a country's too, with other words beside it: the country.
		"ኣብ ጀርመን", "ካብ ጀርመን መጺአ", "Jarmal baan joogaa", "waxaan joogaa Jarmal", "в сомали"} {
		if got, ok := c.NamedAmong("en", text); ok {
			t.Errorf("NamedAmong(en, %q) = %s", text, got)
		}
	}
}

// TestRefusedAt: a refusal in the few words before a place's name, or right after it,
// refuses it; one elsewhere is about something else.
func TestRefusedAt(t *testing.T) {
	c := loadTestCatalog(t)
	for _, tc := range []struct {
		lang, text  string
		first, last int
		want        bool
	}{
		{"de", "ich wohne nicht in Kassel", 4, 4, true},
		{"en", "I don't live in Kassel", 4, 4, true},
		{"ar", "لا أسكن في كاسل", 3, 3, true},
		{"ar", "ما بسكن بكاسل", 2, 2, true},
		{"fa-AF", "ما در کاسل زندگی میکنیم", 2, 2, false}, // "we": Arabic's "not" is not Dari's
		{"tr", "Kassel değil", 0, 0, true},
		{"tr", "nicht in Kassel", 2, 2, true}, // German mixed in
		{"en", "I live in Kassel but I don't know my postcode", 3, 3, false},
		{"en", "no, I don't know, I live in Kassel", 7, 7, false},
		{"en", "Kassel", 0, 0, false},
		{"en", "Kassel", 3, 3, false}, // out of range
		// Only within the name's clause.
		{"de", "weiß die PLZ nicht, wohne in Baunatal", 6, 6, false},
		{"de", "weiß die PLZ nicht - wohne in Baunatal", 6, 6, false},
		{"de", "ich wohne in Kassel, nicht in Baunatal", 3, 3, false},
		{"de", "ich wohne in Kassel, nicht in Baunatal", 6, 6, true},
		{"ar", "ما بعرف الرمز، ساكن ببوناتال", 4, 4, false},
		{"ti", "ፖስታ ኮድ ኣይፈልጥን። ኣብ ባውናታል", 4, 4, false},
		{"tr", "Kassel değil", 0, 0, true},
	} {
		if got := c.RefusedAt(tc.lang, tc.text, tc.first, tc.last); got != tc.want {
			t.Errorf("RefusedAt(%q, %d, %d) = %v, want %v", tc.text, tc.first, tc.last, got, tc.want)
		}
	}
}

// TestRefusedSince: after another name, the words before it are not this name's, nor a
// refusal right after it.
func TestRefusedSince(t *testing.T) {
	c := loadTestCatalog(t)
	for _, tc := range []struct {
		lang, text        string
		from, first, last int
		want              bool
	}{
		{"tr", "Kassel'de değilim, Baunatal'dayım", 1, 2, 2, false}, // değilim is Kassel's
		{"tr", "Kassel'de değilim, Baunatal'dayım", 0, 0, 0, true},
		{"de", "nicht Kassel, Vellmar", 2, 2, 2, false},
		{"de", "Kassel, aber nicht Vellmar", 1, 3, 3, true},
		{"de", "nicht Kassel", 0, 1, 1, true},
		{"de", "Kassel", 4, 0, 0, false}, // from past the name: nothing before it is read
	} {
		if got := c.RefusedSince(tc.lang, tc.text, tc.from, tc.first, tc.last); got != tc.want {
			t.Errorf("RefusedSince(%q, %d, %d, %d) = %v, want %v", tc.text, tc.from, tc.first, tc.last, got, tc.want)
		}
	}
}

// TestSaysWithin: one of a list's answers among a few more words, in order and side by side.
func TestSaysWithin(t *testing.T) {
	c := loadTestCatalog(t)
	for _, tc := range []struct {
		lang, text string
		want       bool
	}{
		{"en", "sorry, I don't know my postcode", true},
		{"de", "Ich weiß nicht, wie meine Postleitzahl ist", true},
		{"ar", "والله ما بعرف الرمز", true},
		{"en", "I know my postcode", false},
		{"en", "know I don't", false},
		{"en", "I don't know, it is a long story, we came here two years ago and moved twice", false},
	} {
		if got := c.SaysWithin(tc.lang, "answer.dont_know", tc.text); got != tc.want {
			t.Errorf("SaysWithin(%s, %q) = %v, want %v", tc.lang, tc.text, got, tc.want)
		}
	}
}

// TestHoldsStemAt: a run of stems holds as many words side by side, each beginning with its
// stem, and says where; an English stem shorter than minForeignStem is a whole word in
// another language's message ("paye" in Latin-letter Persian is no "pay").
func TestHoldsStemAt(t *testing.T) {
	c := loadTestCatalog(t)
	for _, tc := range []struct {
		lang, id, text string
		from, to       int
		want           bool
	}{
		{"en", "answer.confused_stems", "sorry i dont understand anything", 2, 4, true},
		{"en", "answer.confused_stems", "understand i dont", 0, 0, false},
		{"de", "answer.appointment_stems", "brauche ich einen termin", 3, 4, true},
		{"en", "answer.cost_stems", "do i have to pay", 4, 5, true},
		{"en", "answer.cost_stems", "they paid", 1, 2, true},
		{"fa-AF", "answer.cost_stems", "mekham ru paye khodam vaysam", 0, 0, false},
		{"fa-AF", "answer.cost_stems", "pay?", 0, 1, true},
		{"de", "answer.take_stems", "sie nehmen", 1, 2, true},
		{"en", "answer.cost_stems", "do i have to pay money", 4, 6, true}, // the longest run
		{"ar", "answer.cost_stems", "لازم ادفع مصاري", 1, 3, true},
	} {
		from, to, ok := c.HoldsStemAt(tc.lang, tc.id, recognize.Normalize(tc.text))
		if ok != tc.want || ok && (from != tc.from || to != tc.to) {
			t.Errorf("HoldsStemAt(%s, %s, %q) = %d, %d, %v; want %d, %d, %v", tc.lang, tc.id, tc.text, from, to, ok, tc.from, tc.to, tc.want)
		}
	}
}

// TestMonth: the months as CLDR names them in the reader's language, English or German, wide
// or abbreviated, with the Levant's two-word names for Arabic; anything else names none.
func TestMonth(t *testing.T) {
	c := loadTestCatalog(t)
	for _, tc := range []struct {
		lang, name string
		want       int
	}{
		{"en", "January", 1}, {"en", "Dec", 12}, {"fr", "décembre", 12}, {"ru", "декабря", 12},
		{"ar", "تشرين الثاني", 11}, {"ar", "نوفمبر", 11}, {"tr", "Ocak", 1}, {"tr", "Januar", 1},
		{"fa-AF", "جنوری", 1}, {"ti", "ሕዳር", 11}, {"pl", "sty", 1},
		{"en", "monday", 0}, {"ar", "التاني", 0},
	} {
		if got, ok := c.Month(tc.lang, tc.name); got != tc.want || ok != (tc.want != 0) {
			t.Errorf("Month(%s, %q) = %d, %v; want %d", tc.lang, tc.name, got, ok, tc.want)
		}
	}
}

// TestOwnWords: a word is a language's own when no other catalog says it, nor, in Cyrillic
// and Arabic script, a word of the same stem; short words and template placeholders are none.
func TestOwnWords(t *testing.T) {
	said := map[string]map[string]bool{}
	addSaid(said, "fr", "Je cherche depuis {{.Place}} un bureau, merci")
	addSaid(said, "en", "I am looking for an office, merci")
	addSaid(said, "bg", "Търся курс по немски")
	addSaid(said, "ru", "Ищу курсы немецкого")
	addSaid(said, "ps", "زه کار غواړم")
	own := ownWords(said)
	for lang, want := range map[string][]string{"fr": {"cherche", "depuis", "bureau"}, "en": {"looking", "office"}, "bg": {"търся", "немски"}, "ps": {"غواړم", "کار"}} {
		for _, w := range want {
			if w = strings.Join(recognize.Normalize(w), " "); !own[lang][w] {
				t.Errorf("%s: %q is not its own word", lang, w)
			}
		}
	}
	for lang, not := range map[string][]string{"fr": {"merci", "place", "un"}, "en": {"merci"}, "bg": {"курс"}, "ru": {"курсы"}} {
		for _, w := range not {
			if own[lang][w] {
				t.Errorf("%s: %q is taken for its own word", lang, w)
			}
		}
	}
}

// TestGuessByOwnWords: the words of the catalogs point to the language that alone says them,
// two of them at least in another script than Latin: one word both Arabic and Dari speakers
// type ("تمام") leaves the language known.
func TestGuessByOwnWords(t *testing.T) {
	c := loadTestCatalog(t)
	for _, tc := range []struct{ text, hint, want string }{
		{"تمام", "ar", "ar"},
		{"تمام", "fa-AF", "fa-AF"},
		{"Moin, Minijob im Restaurant, Chef will mir keinen Vertrag geben und zahlt bar wann er will", "de", ""},
		{"szef nie zaplacil mi za nadgodziny i za ostatni miesiac", "de", "pl"},
		{"le Jobcenter a coupe mon argent sans rien dire", "en", "fr"},
		// Forms only one language's words have: Turkish verbs, Polish "prz".
		{"kira cok artti odeyemiyorum", "de", "tr"},
		{"przyszedl list z urzedu, nie rozumiem", "de", "pl"},
		{"Mayor", "de", ""},
		// Common small words of the languages of one script: Bulgarian "трябва", "тук",
		// Ukrainian "як", "треба" without its own letters, Pashto "ورور", "لرم"; the letters
		// of a Persian keyboard are a Pashto one's too.
		{"Трябва ми Kita за малкия и училище за голямата", "ru", "bg"},
		{"як отримати вбс", "ru", "uk"},
		{"السلام علیکم ورور", "de", "ps"},
		{"امیندواره یم او بیمه نه لرم", "fa-AF", "ps"},
		// A capitalised word is a name or a noun typed in every language: its letters say
		// nothing of the message's, nor does it make a message in another script Latin.
		{"Ausländerbehörde", "en", ""},
		{"Frau Przybylska vom Jobcenter sagt, Herr Szczepaniak soll mich anrufen", "de", ""},
		{"Mein Kollege Wojciech Szczepański hat mir diese Nummer gegeben", "de", ""},
		{"Exposé für eine Wohnung bekommen, was nun?", "de", "de"},
		{"Мне нужен Termin в Ausländerbehörde", "en", "ru"},
		{"موعد في Ausländerbehörde", "de", "ar"},
		// Letters the hint's language writes too, and more small words of another.
		{"Ich möchte Deutsch lernen", "tr", "de"},
		// German's letters in an office word typed small, beside another language's word.
		{"ausländerbehörde termin vermiyor", "tr", ""},
		{"problema cu ausländerbehörde", "ro", ""},
		{"ausländerbehörde не отвечает", "ru", "ru"}, // several scripts: the words count
		{"ما عندي termin في ausländerbehörde", "de", "ar"},
		{"frauenärztin ይደሊ", "de", "ti"},
		{"ausländerbehörde, wo ist die", "en", "de"},
		// A common word of a language of one script weighs more than a letter of a keyboard:
		// Dari typed with the Arabic letters.
		{"من كار ميخواهم", "de", "fa-AF"},
		{"کار پیدا کوم نه شم", "ar", "ps"},
		{"Нуждая се от помощ с документите", "de", "bg"},
	} {
		if got := c.Guess(tc.text, tc.hint); got != tc.want {
			t.Errorf("Guess(%q, %q) = %q, want %q", tc.text, tc.hint, got, tc.want)
		}
	}
}

// TestDyingAlone: a word of death typed as the whole message, emoji around it dropped, is a
// wish to die in every shipped language (the crisis line is given, and health is named, as a
// phrase of a wish to die names it); in a sentence, or an everyday goodbye, it is none.
func TestDyingAlone(t *testing.T) {
	c := loadTestCatalog(t)
	for _, lang := range Shipped {
		list := strings.Split(c.message(lang, "answer.dying"), ",")
		if len(list) < 3 {
			t.Errorf("%s: answer.dying holds %d entries, want a few", lang, len(list))
			continue
		}
		for _, entry := range list {
			text := strings.TrimSpace(entry) + " 🖤🥀"
			if got := c.Danger(lang, text); !slices.Equal(got, []directory.Topic{dyingTopic}) {
				t.Errorf("Danger(%s, %q) = %v, want the wish to die", lang, text, got)
			}
			if got := c.RecognizeTopics(lang, text); !slices.Contains(got, dyingTopic) {
				t.Errorf("RecognizeTopics(%s, %q) = %v, want health among them", lang, text, got)
			}
		}
	}
	for _, tc := range []struct{ lang, text string }{
		{"en", "my cat's death was sad"},
		{"en", "goodbye"},
		{"en", "bye 👋"},
		{"de", "tschüss"},
		{"de", "die"},
		{"en", "tired"},
	} {
		if got := c.Danger(tc.lang, tc.text); len(got) != 0 {
			t.Errorf("Danger(%s, %q) = %v, want none", tc.lang, tc.text, got)
		}
	}
}

// TestSpokenDigits: a postcode said one digit a word, in the number words of the language
// (and English and German), is its digits; a number said otherwise, two runs, or digits typed
// are not.
func TestSpokenDigits(t *testing.T) {
	c := loadTestCatalog(t)
	for _, tc := range []struct {
		lang, text, want string
	}{
		{"de", "drei vier eins zwei eins", "34121"},
		{"en", "my postcode is three four one two eight", "34128"},
		{"ar", "ثلاثة أربعة واحد ثلاثة واحد", "34131"},
		{"so", "saddex afar kow kow sagaal", "34119"},
		{"ti", "ሰለስተ ኣርባዕተ ክልተ ክልተ ሓሙሽተ", "34225"},
		{"en", "three four one two", ""},            // four digits
		{"en", "thirty four one two seven", ""},     // a larger number
		{"en", "three four, and one two eight", ""}, // two runs
		{"de", "34121", ""},                          // digits are ParsePostcode's
		{"en", "I have three kids and two jobs", ""}, // no run
	} {
		got, ok := c.SpokenDigits(tc.lang, tc.text, 5)
		if (tc.want != "") != ok || ok && got != tc.want {
			t.Errorf("%s %q = %q, %v; want %q", tc.lang, tc.text, got, ok, tc.want)
		}
	}
}
