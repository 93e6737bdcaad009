package i18n

import (
	"slices"
	"testing"
)

// The catalogs' age.not_age contexts (times and counts that are no age), checked by a
// reviewer of all fifteen languages: genuine ages they must not swallow, sentences mixing an
// age with times and counts, and one phrase for each context.

// TestNotAgeKeepsRealAges: genuine ages that no context may swallow, punctuation ending a
// context ("Me 34, kids 3 and 5").
func TestNotAgeKeepsRealAges(t *testing.T) {
	c := loadTestCatalog(t)
	for _, tc := range []struct {
		lang, text string
		want       []int
	}{
		// punctuation is no boundary
		{"en", "Me 34, kids 3 and 5", []int{34, 3, 5}},
		{"en", "I am 34 years, in Germany since 2019", []int{34}},
		{"de", "Ich bin 34 Jahre, in Deutschland seit 2019", []int{34}},
		{"fr", "j'ai 30 ans, en Allemagne depuis 2 ans", []int{30}},
		{"en", "I need advice for 17 years old boy", []int{17}},
		{"en", "help for 16 years old girl", []int{16}},
		{"ro", "am acum 38 de ani", []int{38}},
		{"ro", "fiul meu are acum 5 ani", []int{5}},
		{"tr", "ben 35 oğlum 10 yaşında", []int{35, 10}},
		{"tr", "ben 35 kızım 12", []int{35, 12}},
		{"tr", "ben 40 çocuklarım 5 ve 7", []int{40, 5, 7}},
		{"tr", "ben 40 çocuğum 12", []int{40, 12}},
		{"fa-AF", "عمرم ۳۰ سال میشه", []int{30}},
		{"fa-AF", "سنم ۴۵ سال می شود", []int{45}},
		{"fa-AF", "من ۳۵ بچه هایم ۵ و ۷ ساله", []int{35, 5, 7}},
		{"ps", "زما عمر ۳۰ کاله کیږي", []int{30}},
		{"ps", "عمر مې دېرش کاله کېږي", []int{30}},
		{"ku", "من ٣٠ ساڵم", []int{30}},
		{"ku", "temenê min 30, heft zarokên min hene", []int{30}},
		{"ti", "ዕድመይ 30 ዓመት ኮይኑ", []int{30}},
		{"ti", "ሎሚ 30 ዓመት ኮይኑኒ", []int{30}},
		{"ru", "мне 35 дочери 10", []int{35, 10}},
		{"so", "anigu 35 wiilkayga 10 jir", []int{35, 10}},
		// should be fine
		{"ro", "am 30 de ani", []int{30}},
		{"fa-AF", "۳۰ ساله", []int{30}},
		{"ar", "عمري ٣٠ سنة", []int{30}},
		{"ru", "мне уже 30 лет", []int{30}},
		{"en", "my son is 3 years", []int{3}},
		{"ar", "ابني عمره ٥ سنوات", []int{5}},
		{"ar", "ابني عمره ٥ سنين", []int{5}},
		{"ro", "pentru fiul meu de 15 ani", []int{15}},
		{"pl", "syn ma 2 lata", []int{2}},
		{"uk", "сину 3 роки", []int{3}},
		{"bg", "на 30 години съм", []int{30}},
		{"so", "waxaan ahay 30 sano jir", []int{30}},
		{"ku", "ez 30 salî me", []int{30}},
		{"ku", "temenê min 30 sal e", []int{30}},
		{"tr", "otuz yaşındayım", []int{30}},
		{"ps", "زه ۳۰ کلن یم", []int{30}},
		{"ps", "زما عمر ۳۰ کاله دی", []int{30}},
		{"fa-AF", "۳۰ سال دارم", []int{30}},
		{"fa-AF", "من ۳۰ ساله هستم", []int{30}},
		{"ti", "ዕድመይ 30 ዓመት እዩ", []int{30}},
		{"fr", "j'ai 29 ans", []int{29}},
		{"de", "mein Sohn ist 5 Jahre", []int{5}},
		{"de", "Ich bin 34 Jahre alt", []int{34}},
	} {
		got, others := c.Numbers(tc.lang, tc.text)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q = %v (others %d), want %v", tc.lang, tc.text, got, others, tc.want)
		}
	}
}

// TestNotAgeSentences: an age beside times and counts, as people type it.
func TestNotAgeSentences(t *testing.T) {
	c := loadTestCatalog(t)
	for _, tc := range []struct {
		lang, text string
		want       []int
	}{
		{"en", "I'm 34, came here 2 years ago with my 3 kids", []int{34}},
		{"en", "me 29, in germany for 8 months", []int{29}},
		{"en", "41 years old, 2 childs, since 2019 in Germany", []int{41}},
		{"en", "i have 2 children and i am 38", []int{38}},
		{"en", "my son is 17, we came 6 month ago", []int{17}},
		{"en", "advice for 16 years old, family of 5", []int{16}},
		{"en", "Me 34, kids 3 and 5", []int{34, 3, 5}},

		{"de", "Ich bin 41, seit 3 Jahren in Deutschland, 2 Kinder", []int{41}},
		{"de", "bin vor ca. 2 Jahren gekommen, bin 28", []int{28}},
		{"de", "ich 35 Jahre, 2 Kinder, 4 Monate in Deutschland", []int{35}},
		{"de", "Meine Tochter ist 16, wir sind seit 8 Monaten hier", []int{16}},
		{"de", "Das ist 2 Jahre her, jetzt bin ich dreißig", []int{30}},
		{"de", "Ich bin 34 Jahre, in Deutschland seit 2019", []int{34}},

		{"fr", "j'ai 29 ans, arrivée il y a 2 ans avec 3 enfants", []int{29}},
		{"fr", "ça fait 3 ans que je suis en Allemagne, j'ai 45 ans", []int{45}},
		{"fr", "sa fait 6 mois que je suis ici, j'ai 33", []int{33}},
		{"fr", "mon fils a 17 ans, nous sommes là depuis 8 mois", []int{17}},
		{"fr", "J'ai 52 ans et 4 enfants", []int{52}},
		{"fr", "il y a presque 2 ans que je suis venu, j ai 27 ans", []int{27}},

		{"ro", "am venit acum 2 ani, am 38 de ani și 3 copii", []int{38}},
		{"ro", "am acum 38 de ani, sunt în Germania de 2 ani", []int{38}},
		{"ro", "fiul meu are 16 ani, suntem aici de 6 luni", []int{16}},
		{"ro", "am 45 de ani, 2 fete si un baiat", []int{45}},
		{"ro", "sunt aici de 3 saptamani, am 29", []int{29}},
		{"ro", "Am venit acum 3 ani. Acum am 40 de ani", []int{40}},

		{"pl", "przyjechałam 2 lata temu, mam 33 lata i 2 dzieci", []int{33}},
		{"pl", "mam 41 lat, jestem w Niemczech od 3 lat", []int{41}},
		{"pl", "Syn ma 17 lat, mieszkamy tu od 8 miesięcy", []int{17}},
		{"pl", "mam 29 lat i 2 dzieciaki, 2 lata wstecz przyjechalam", []int{29}},
		{"pl", "jestem tu 3 tygodnie, mam 52", []int{52}},

		{"ru", "мы приехали 2 года назад, мне 36, у меня 3 детей", []int{36}},
		{"ru", "мне 45 лет, в Германии с 2022 года", []int{45}},
		{"ru", "Сыну 17, мы здесь 8 месяцев", []int{17}},
		{"ru", "мне 38, у меня 2 ребенка, живём тут 5 месяцев", []int{38}},
		{"ru", "5 лет тому назад приехала, мне 52 года", []int{52}},
		{"ru", "Мне 35, дочери 10", []int{35, 10}},

		{"uk", "ми тут 8 місяців, мені 27", []int{27}},
		{"uk", "приїхали 2 роки тому, мені 40 років, маю 2 дітей", []int{40}},
		{"uk", "мені 33, у мене 2 діти, в Німеччині з 2022 року", []int{33}},
		{"uk", "Доньці 16, ми тут 3 тижні", []int{16}},
		{"uk", "мені 58 років, приїхала 2 роки назад", []int{58}},

		{"bg", "дойдохме преди 2 години, на 45 съм, имам 3 деца", []int{45}},
		{"bg", "на 30 години съм, в Германия от 6 месеца", []int{30}},
		{"bg", "Синът ми е на 17, тук сме от 3 седмици", []int{17}},
		{"bg", "на 52 години съм, имам 2 дъщери", []int{52}},
		{"bg", "тук съм от 2 години, на 38 съм, 4 души сме", []int{38}},

		{"tr", "3 yıldır Almanyadayım, 40 yaşındayım, 2 çocuğum var", []int{40}},
		{"tr", "ben 35 yaşındayım 6 aydır buradayım", []int{35}},
		{"tr", "oğlum 17 yaşında, 2 yıl önce geldik", []int{17}},
		{"tr", "ben 35 oğlum 10", []int{35, 10}},
		{"tr", "28 yaşındayım, 3 tane çocuğum var", []int{28}},
		{"tr", "2 sene önce geldim 44 yaşındayım", []int{44}},

		{"ku", "2 sal berê hatim, ez 31 salî me", []int{31}},
		{"ku", "ez 45 salî me, 3 zarokên min hene", []int{45}},
		{"ku", "ji 2 salan ve li Almanyayê me, temenê min 28 e", []int{28}},
		{"ku", "kurê min 16 salî ye, em 8 meh in li vir", []int{16}},
		{"ku", "temenê min 30 heft zarokên min hene", []int{30}},
		{"ku", "من ٣٠ ساڵم، ٢ ساڵ پێش هاتم", []int{30}},

		{"ar", "أنا في ألمانيا منذ ٣ سنوات، عمري ٣٢ وعندي ٤ أطفال", []int{32}},
		{"ar", "صارلي ٣ سنين بألمانيا، عمري ٤٠", []int{40}},
		{"ar", "ابني عمره ١٦ سنة، جينا من ٦ شهور", []int{16}},
		{"ar", "عمري ٢٨ سنة، عندي ٣ ولاد، وصلنا قبل ٨ أشهر", []int{28}},
		{"ar", "عمري 35 ومعي 2 طفل، من 2 سنين هنا", []int{35}},
		{"ar", "3omri 30 w sarli 2 snin b almania", []int{30}},

		{"fa-AF", "۲ سال پیش آمدم، ۳۰ ساله هستم و ۳ طفل دارم", []int{30}},
		{"fa-AF", "۴۵ سال دارم، ۳ تا بچه دارم", []int{45}},
		{"fa-AF", "پسرم ۱۶ ساله است، ۸ ماه میشه که آلمان هستیم", []int{16}},
		{"fa-AF", "عمرم ۳۰ سال میشه", []int{30}},
		{"fa-AF", "۲ سال میشه که اینجا هستم، عمرم ۳۸ است", []int{38}},
		{"fa-AF", "man 33 sal daram, 2 sal pish amadam", []int{33}},

		{"ps", "دوه کاله مخکې راغلم، ۳۰ کلن یم", []int{30}},
		{"ps", "زه ۴۰ کلن یم، درې ماشومان لرم", []int{40}},
		{"ps", "زوی مې ۱۷ کلن دی، ۲ کاله راهیسې دلته یو", []int{17}},
		{"ps", "زما عمر ۳۵ کاله دی، ۶ میاشتې کېږي چې دلته یم", []int{35}},
		{"ps", "عمر مې ۳۰ کاله کیږي", []int{30}},
		{"ps", "۲ کاله کېږي چې دلته یم، ۲۸ کلن یم", []int{28}},

		{"so", "waxaan imid 2 sano ka hor, waxaan ahay 30 jir", []int{30}},
		{"so", "waxaan ahay 45 sano jir, waxaan leeyahay 4 carruur ah", []int{45}},
		{"so", "wiilkayga waa 16 jir, muddo 8 bilood ah ayaan joognay", []int{16}},
		{"so", "da'daydu waa 33, 3 sano ayaan joogaa Jarmalka", []int{33}},
		{"so", "anigu 35 wiilkayga 10 jir", []int{35, 10}},

		{"ti", "ቅድሚ 2 ዓመት መጺአ፣ ዕድመይ 30 እዩ", []int{30}},
		{"ti", "ዕድመይ 35 ዓመት እዩ፣ 3 ቆልዑ ኣለዉኒ", []int{35}},
		{"ti", "ካብ 2022 ኣብ ጀርመን ኣለኹ፣ 28 ዓመተይ", []int{28}},
		{"ti", "ወደይ 16 ዓመቱ እዩ፣ 6 ኣዋርሕ ኮይኑና ኣብዚ", []int{16}},
		{"ti", "ዕድመይ 30 ዓመት ኮይኑ", []int{30}},
	} {
		got, others := c.Numbers(tc.lang, tc.text)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q = %v (others %d), want %v", tc.lang, tc.text, got, others, tc.want)
		}
	}
}

// TestNotAgeContexts: one time or count for each context: no age in them.
func TestNotAgeContexts(t *testing.T) {
	c := loadTestCatalog(t)
	for _, tc := range []struct{ lang, text string }{
		{"en", "we came 2 years back"}, {"en", "3 yrs back"}, {"en", "2 years a go"}, {"en", "in the last 3 years"},
		{"en", "i have 3 childs"}, {"en", "4 childrens"}, {"en", "we are 5 people"}, {"en", "family of 6"}, {"en", "6 mounths"},
		{"de", "das ist 2 Jahre her"}, {"de", "vor ca. 3 Jahren"}, {"de", "seit etwa 4 Monaten"}, {"de", "wir sind 5 Personen"}, {"de", "2 Jungs und 1 Mädchen"},
		{"fr", "cela fait 3 ans"}, {"fr", "sa fait 2 ans"}, {"fr", "il y a plus de 2 ans"}, {"fr", "depuis environ 3 ans"}, {"fr", "2 garçons"}, {"fr", "voilà 3 ans"},
		{"ro", "am venit acum 2 ani"}, {"ro", "2 ani în urmă"}, {"ro", "sunt aici de 3 ani"}, {"ro", "sunt in Germania de 2 ani"}, {"ro", "timp de 2 ani"}, {"ro", "2 băieți"},
		{"tr", "3 tane çocuğum var"}, {"tr", "2 oğlum var"}, {"tr", "4 kişiyiz"}, {"tr", "2 kız çocuğum"},
		{"ku", "2 hefte"}, {"ku", "2 sal e ku ez li vir im"}, {"ku", "em 5 kes in"}, {"ku", "٢ ساڵ لەمەوبەر"}, {"ku", "٣ منداڵم هەیە"},
		{"ar", "من ٣ سنين"}, {"ar", "صرلنا ٣ سنين هون"}, {"ar", "لمدة ٣ سنوات"}, {"ar", "عندي ٣ عيال"}, {"ar", "قبل حوالي ٣ سنوات"}, {"ar", "sarli 2 snin"}, {"ar", "3ndi 3 wlad"},
		{"fa-AF", "۲ سال می‌شود که اینجا هستم"}, {"fa-AF", "۲ سال شده که"}, {"fa-AF", "۳ تا بچه دارم"}, {"fa-AF", "۵ نفر هستیم"}, {"fa-AF", "3 ta bacha daram"}, {"fa-AF", "az 2 sal"},
		{"ps", "دوه کاله پخوا"}, {"ps", "۲ کاله دمخه"}, {"ps", "۲ کاله کېږي چې دلته یم"}, {"ps", "پنځه تنه یو"}, {"ps", "3 mashoman"},
		{"ru", "5 лет тому назад"}, {"ru", "3 мес"}, {"ru", "нас 5 человек"}, {"ru", "с 2 детьми"},
		{"uk", "2 роки назад"}, {"uk", "у мене 2 діти"}, {"uk", "нас 4 осіб"},
		{"bg", "2 години назад"}, {"bg", "имам 2 детета"}, {"bg", "4 души сме"}, {"bg", "3 дена"},
		{"pl", "2 lata wstecz"}, {"pl", "od ponad 2 lat"}, {"pl", "3 osoby"}, {"pl", "2 dzieciaki"},
		{"so", "2 sannadood ka hor"}, {"so", "3 sano ayaan joogaa"}, {"so", "5 qof"}, {"so", "2 gabdhood"}, {"so", "3 todobaad"},
		{"ti", "3 ኣወዳት"}, {"ti", "2 ኣዋልድ"}, {"ti", "5 ሰባት ኢና"},
	} {
		if got, _ := c.Numbers(tc.lang, tc.text); len(got) != 0 {
			t.Errorf("%s: %q = %v, want no age", tc.lang, tc.text, got)
		}
	}
}

// TestComparisonsAreNoAge: "under 12" is no age of 12, nor "almost 27" one of 27: the band
// buttons answer such a message.
func TestComparisonsAreNoAge(t *testing.T) {
	c := loadTestCatalog(t)
	for _, tc := range []struct{ lang, text string }{
		{"en", "under 12"}, {"en", "younger than 12"}, {"en", "almost 27"}, {"en", "she is over 60"},
		{"de", "unter 12"}, {"de", "jünger als 27"}, {"fr", "moins de 12 ans"}, {"pl", "poniżej 12 lat"},
		{"ro", "sub 12 ani"}, {"bg", "под 12 години"}, {"ru", "младше 12 лет"}, {"uk", "менше 12 років"},
		{"tr", "12 yaşından küçük"}, {"ar", "أقل من 12 سنة"}, {"fa-AF", "کمتر از ۱۲ سال"}, {"ps", "تر ۱۲ کلنۍ کم"},
		{"ku", "di bin 12 salî de"}, {"ti", "ትሕቲ 12 ዓመት"}, {"so", "12 sano ka yar"},
	} {
		if got, _ := c.Numbers(tc.lang, tc.text); len(got) != 0 {
			t.Errorf("%s: %q = %v, want no age", tc.lang, tc.text, got)
		}
	}
}

// TestStatedAge: an age said as the writer's own, in every language, is read as such; other
// people's ages, counts, times, postcodes and house numbers are not.
func TestStatedAge(t *testing.T) {
	c := loadTestCatalog(t)
	for _, tc := range []struct {
		lang, text string
		want       int
	}{
		{"en", "sorry, my age is 43", 43},
		{"en", "I am 43 years old", 43},
		{"en", "no wait im 43", 43},
		{"de", "Entschuldigung, ich bin 43", 43},
		{"de", "mein Alter ist 43", 43},
		{"ar", "عفوا عمري ٤٣", 43},
		{"ar", "انا عندي 43 سنة", 43},
		{"fa-AF", "ببخشید عمرم ۴۳ است", 43},
		{"fa-AF", "من ۴۳ ساله هستم", 43},
		{"ps", "زه ۴۳ کلن یم", 43},
		{"tr", "pardon 43 yaşındayım", 43},
		{"ku", "bibore, ez 43 salî me", 43},
		{"ti", "ይቕሬታ ዕድመይ 43 እዩ", 43},
		{"so", "waan ka xumahay, waxaan ahay 43 jir", 43},
		{"ru", "извините, мне 43", 43},
		{"uk", "вибачте, мені 43 роки", 43},
		{"bg", "извинете, на 43 години съм", 43},
		{"pl", "przepraszam, mam 43 lata", 43},
		{"ro", "scuze, am 43 de ani", 43},
		{"fr", "pardon, j'ai 43 ans", 43},
		{"en", "I am forty three", 43},
	} {
		if got, ok := c.StatedAge(tc.lang, tc.text); !ok || got != tc.want {
			t.Errorf("StatedAge(%s, %q) = %d, %v; want %d", tc.lang, tc.text, got, ok, tc.want)
		}
	}
	for _, tc := range []struct{ lang, text string }{
		{"en", "43"},
		{"en", "my son is 16 years old"},
		{"en", "I have 3 children"},
		{"en", "I am 3 months in Germany"},
		{"en", "Nordstraße 12, 34127 Kassel"},
		{"de", "ich bin seit 3 Jahren hier"},
		{"de", "ich bin 2 Wochen hier"},
		{"ar", "ابني عمره ١٦"},
		{"ru", "мне нужна квартира на 3 человека"},
		{"fr", "j'ai 3 enfants"},
		{"pl", "mam 3 dzieci"},
		{"tr", "oğlum 16 yaşında"},
		// Distances, weights, times and sums are no age either.
		{"en", "I am 30 km away"},
		{"en", "I am 43 kg"},
		{"de", "ich bin 30 Minuten entfernt"},
		{"ru", "мне 43 минуты ехать"},
		{"ar", "أنا ٤٣ كيلو"},
		{"fr", "j'ai 20 euros"},
		{"pl", "mam 15 minut"},
	} {
		if got, ok := c.StatedAge(tc.lang, tc.text); ok {
			t.Errorf("StatedAge(%s, %q) = %d, want none", tc.lang, tc.text, got)
		}
	}
}
