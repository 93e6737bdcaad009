package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/locales"
)

var pluralForms = map[string]bool{"zero": true, "one": true, "two": true, "few": true, "many": true, "other": true}

// flatCatalog reads a catalog into message id → plural form → text (plain messages have
// only "other").
func flatCatalog(t *testing.T, lang string) map[string]map[string]string {
	t.Helper()
	data, err := fs.ReadFile(locales.FS, "active."+lang+".toml")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := toml.Unmarshal(data, &raw); err != nil {
		t.Fatalf("%s: %v", lang, err)
	}
	out := map[string]map[string]string{}
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		plural := prefix != ""
		for k := range m {
			plural = plural && pluralForms[k]
		}
		if plural {
			forms := map[string]string{}
			for k, v := range m {
				forms[k], _ = v.(string)
			}
			out[prefix] = forms
			return
		}
		for k, v := range m {
			id := strings.TrimPrefix(prefix+"."+k, ".")
			switch v := v.(type) {
			case string:
				out[id] = map[string]string{"other": v}
			case map[string]any:
				walk(id, v)
			default:
				t.Errorf("%s: %s has a value of type %T", lang, id, v)
			}
		}
	}
	walk("", raw)
	return out
}

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func placeholders(s string, dropCount bool) string {
	var names []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		if !(dropCount && m[1] == "Count") {
			names = append(names, m[1])
		}
	}
	sort.Strings(names)
	return strings.Join(names, ",")
}

func TestEveryLanguageHasEveryMessage(t *testing.T) {
	ref := flatCatalog(t, Reference)
	for _, lang := range Shipped {
		t.Run(lang, func(t *testing.T) {
			cat := flatCatalog(t, lang)
			for id, forms := range ref {
				got, ok := cat[id]
				if !ok {
					t.Errorf("missing %s", id)
					continue
				}
				isPlural := len(forms) > 1
				for form, text := range got {
					if strings.TrimSpace(text) == "" {
						t.Errorf("%s (%s) is empty", id, form)
					}
					if p, want := placeholders(text, isPlural), placeholders(forms["other"], isPlural); p != want {
						t.Errorf("%s (%s) has placeholders [%s], English has [%s]", id, form, p, want)
					}
					if !isPlural && strings.ContainsAny(text, "\u2066\u2067\u2068\u2069\u200e\u200f\u202a\u202b\u202c\u202d\u202e") {
						t.Errorf("%s has bidi control characters: the renderer adds those", id)
					}
				}
			}
			for id := range cat {
				if _, ok := ref[id]; !ok {
					t.Errorf("%s is not in the English catalog", id)
				}
			}
		})
	}
}

// Every plural message must have the forms its language needs for every count: go-i18n
// fails when one is missing.
// pluralCounts are the counts every plural message is rendered with: CLDR's rules look at a
// number's last two digits and at a few ranges and round numbers above them.
var pluralCounts = append(func() (ns []int) {
	for n := range 201 {
		ns = append(ns, n)
	}
	return ns
}(), 1000, 1001, 10000, 100000, 1000000)

func TestPluralFormsAreComplete(t *testing.T) {
	c := loadTestCatalog(t)
	ref := flatCatalog(t, Reference)
	for _, lang := range Shipped {
		for id, forms := range ref {
			if len(forms) < 2 {
				continue
			}
			for _, n := range pluralCounts {
				_, err := c.localizers[lang].Localize(&goi18n.LocalizeConfig{MessageID: id, PluralCount: n, TemplateData: map[string]any{"Count": n}})
				if err != nil {
					t.Errorf("%s: %s for %d: %v", lang, id, n, err)
					break
				}
			}
		}
	}
}

// usedIDs collects the message ids passed as literals to T and Plural in the packages that
// say things, plus the ids the engine builds at run time.
func usedIDs(t *testing.T) []string {
	t.Helper()
	ids := append(conversation.DynamicMessageIDs(), staff.DynamicMessageIDs()...)
	for _, dir := range []string{"../conversation", "../console", "../telegram", "../staff", "../stats", "../web", "../handover", "../jobs"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			file, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(file, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) == 0 {
					return true
				}
				name := ""
				switch fn := call.Fun.(type) {
				case *ast.Ident:
					name = fn.Name
				case *ast.SelectorExpr:
					name = fn.Sel.Name
				}
				if name != "T" && name != "Plural" && name != "t" {
					return true
				}
				if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					id, _ := strconv.Unquote(lit.Value)
					ids = append(ids, id)
				}
				return true
			})
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

func TestEveryMessageTheCodeUsesExists(t *testing.T) {
	ref := flatCatalog(t, Reference)
	ids := usedIDs(t)
	if len(ids) < 80 {
		t.Fatalf("found only %d message ids in the code: the scan is broken", len(ids))
	}
	for _, id := range ids {
		if _, ok := ref[id]; !ok {
			t.Errorf("the code uses %q, which the catalogs lack", id)
		}
	}
}

func TestRightToLeftKeepsNumbersIntact(t *testing.T) {
	c := loadTestCatalog(t)
	line := dialog.T("office.phone", "Phone", dialog.LTR("+49 561 7004-211"))
	for _, lang := range Shipped {
		got := c.Render(lang, line)
		isolated := strings.Contains(got, "\u2066+49 561 7004-211\u2069")
		if IsRTL(lang) != isolated {
			t.Errorf("%s: %q (RTL %v)", lang, got, IsRTL(lang))
		}
	}
	if got := c.Render("ar", dialog.Plural("result.intro", 3)); !strings.Contains(got, "\u20663\u2069") && !strings.Contains(got, "٣") {
		t.Errorf("ar: a count inside Arabic text is not isolated: %q", got)
	}
}

func TestMatchLanguage(t *testing.T) {
	c := loadTestCatalog(t)
	for in, want := range map[string]string{
		"": "en", "en": "en", "en-US": "en", "de-AT": "de", "ar": "ar", "ar-SY": "ar", "prs": "fa-AF", "fa": "fa-AF",
		"fa-IR": "fa-AF", "kmr": "ku", "ku": "ku", "uk": "uk", "ru": "ru", "ti": "ti", "ps": "ps", "zz-garbage": "en", "ja": "en",
	} {
		if got := c.Match(in); got != want {
			t.Errorf("Match(%q) = %q, want %q", in, got, want)
		}
	}
	names := map[string]bool{}
	for _, l := range c.List() {
		if l.Name == "" || names[l.Name] {
			t.Errorf("language %s has an empty or repeated own name %q", l.Tag, l.Name)
		}
		names[l.Name] = true
	}
}

func TestRecognizeTopic(t *testing.T) {
	c := loadTestCatalog(t)
	cases := []struct {
		lang, text string
		want       dialog.Text
	}{
		{"en", "I need help with my rent", conversation.TopicLabel("housing")},
		{"en", "My visa runs out", conversation.TopicLabel("residence")},
		{"de", "Ich suche eine Wohnung", conversation.TopicLabel("housing")},
		{"en", "Ich habe einen Brief bekommen", conversation.TopicLabel("letters")},
		// Dari and Pashto "کارت" (a card: the residence card, mostly) is no work (کار) with
		// an ending.
		{"fa-AF", "کارتم ختم شده", conversation.TopicLabel("residence")},
		{"ps", "کارت می پای ته رسیږي", conversation.TopicLabel("residence")},
		// Pictures typed for a need where the words name none; words that name one come first.
		{"de", "🏠❓", conversation.TopicLabel("housing")},
		{"ru", "🏠 срочно", conversation.TopicLabel("housing")},
		{"ar", "✉️ ما فهمت", conversation.TopicLabel("letters")},
		{"en", "🏠 I need a job", conversation.TopicLabel("work")},
		// Rent arrears are money first (the Jobcenter may take them over), as in English (J10:
		// Dari and Pashto read housing only).
		{"en", "I can't pay my rent", conversation.TopicLabel("money")},
		{"fa-AF", "نمی‌توانم کرایه خانه را بپردازم", conversation.TopicLabel("money")},
		{"ps", "زه د کور کرایه نشم ورکولی", conversation.TopicLabel("money")},
		// Violence from the family is the family's matter; from outside it (topic.outsiders),
		// not (below).
		{"en", "my husband beats me", conversation.TopicLabel("family")},
		{"ro", "barbatul meu bea si ma bate nu mai pot", conversation.TopicLabel("family")},
		{"ar", "في واحد من جيراني عم يهددني انو رح يقتلني", conversation.TopicLabel("housing")},
		// J12: beaten in a camp or by the police on the way is no family matter either; the
		// asylum case told beside it is the need.
		{"ru", "по Дублину меня хотят отправить в Польшу. Я там не хочу, там меня били в лагере", conversation.TopicLabel("asylum")},
		{"en", "in the camp in Poland the guards beat me, now they want to send me back with dublin", conversation.TopicLabel("asylum")},
		{"en", "in the camp my husband beats me", conversation.TopicLabel("family")},
	}
	for _, tc := range cases {
		got := c.RecognizeTopics(tc.lang, tc.text)
		if len(got) == 0 || conversation.TopicLabel(got[0]).ID != tc.want.ID {
			t.Errorf("RecognizeTopics(%s, %q) = %q; want %s first", tc.lang, tc.text, got, tc.want.ID)
		}
	}
	// Nonsense, and common words that read like a keyword: Dari "کیست" (who is) is no
	// asylum case (کیس), Ukrainian "робот" (a robot) no work (робота), French "son" (his) no
	// English son, English "kind" no German Kind, Pashto "دوام" (go on) no medicine (دوا),
	// Dari "بدهید" (give) no debt (بدهی), Arabic "ارقام" (numbers) no insomnia (ارق).
	for _, tc := range [][2]string{{"en", "qwertz"}, {"fa-AF", "این بات کیست؟ آدم جواب میته یا ماشین؟"}, {"ps", "مسئول کیست؟"},
		{"ru", "вы настоящий человек или робот?"}, {"fr", "je ne trouve pas son adresse"}, {"tr", "son gun ne zaman"},
		{"en", "what kind of course is good"}, {"ps", "دوام ورکړئ"}, {"fa-AF", "لطفا کمک بدهید"}, {"ar", "ارقام التلفون"},
		{"ps", "راوستل"}, {"en", "❤️🇩🇪🔑"}, {"tr", "😢😢"},
		// J11: threats from a neighbour, a man, people in one's shelter are no family matter.
		{"en", "my neighbour threatens to kill me"}, {"ps", "یو سړی راته په ټیلیفون ګواښ کوي چې وژنم دې. زه ډیر ویریږم"},
		{"fr", "des gens de mon foyer me menacent ils disent quils vont me frapper la nuit"},
		{"de", "in Kroatien hat mich die Polizei geschlagen, jetzt habe ich Angst"}} {
		if got := c.RecognizeTopics(tc[0], tc[1]); len(got) > 0 {
			t.Errorf("RecognizeTopics(%s, %q) = %q, want none", tc[0], tc[1], got)
		}
	}
	for _, lang := range Shipped {
		for _, topic := range directory.Topics {
			if c.message(lang, "topic.keywords."+conversation.TopicMessageKey(topic)) == "" {
				t.Errorf("%s: no keywords for %s", lang, topic)
			}
		}
	}
}

func TestLanguageNames(t *testing.T) {
	c := loadTestCatalog(t)
	cases := []struct{ reader, tag, want string }{
		{"en", "ar", "Arabic"}, {"de", "uk", "Ukrainisch"}, {"ar", "ar", "العربية"}, {"en", "prs", "Dari"},
		{"en", "fa-AF", "Dari"}, {"ku", "de", "almanî"}, {"ku", "ar", "erebî"}, {"ku", "kmr", "kurdî (kurmancî)"},
	}
	for _, tc := range cases {
		if got := c.LanguageName(tc.reader, tc.tag); got != tc.want {
			t.Errorf("LanguageName(%s, %s) = %q, want %q", tc.reader, tc.tag, got, tc.want)
		}
	}
	for _, reader := range Shipped {
		for _, tag := range Shipped {
			if got := c.LanguageName(reader, tag); got == "" || got == tag {
				t.Errorf("LanguageName(%s, %s) = %q: no name", reader, tag, got)
			}
		}
	}
}

// TestMessagesWithoutDataFollowTheTown: messages without data of their own are rendered once
// per language and town, so a town set later (another area imported) must still show.
func TestMessagesWithoutDataFollowTheTown(t *testing.T) {
	shared, err := sharedCatalog()
	if err != nil {
		t.Fatal(err)
	}
	c := shared.Copy() // its town changes
	for _, town := range []string{"Kassel", "Göttingen", "Kassel"} {
		c.SetTown(func(string) string { return town })
		for _, lang := range []string{"en", "ar"} {
			for range 2 {
				if got := c.Render(lang, dialog.T("welcome")); !strings.Contains(got, town) {
					t.Errorf("%s welcome with the town set to %s: %q", lang, town, got)
				}
			}
		}
	}
	// A message with data is rendered with its data every time.
	for _, operator := range []string{"Stadt Kassel", "Verein Wegweiser"} {
		if got := c.Render("en", dialog.T("about", "Operator", operator)); !strings.Contains(got, operator) {
			t.Errorf("about with operator %s: %q", operator, got)
		}
	}
}

// TestCopiesNameTheirOwnTown: a copy of a catalog (tests serving areas of their own share one
// load) says its own town, and the original keeps its own, also after both rendered.
func TestCopiesNameTheirOwnTown(t *testing.T) {
	shared, err := sharedCatalog()
	if err != nil {
		t.Fatal(err)
	}
	c := shared.Copy() // its town changes
	c.SetTown(func(string) string { return "Kassel" })
	d := c.Copy()
	d.SetTown(func(string) string { return "Göttingen" })
	for range 2 {
		for cat, town := range map[*Catalog]string{c: "Kassel", d: "Göttingen"} {
			if got := cat.Render("en", dialog.T("welcome")); !strings.Contains(got, town) {
				t.Errorf("welcome of the catalog named %s: %q", town, got)
			}
		}
	}
	if got := d.RecognizeTopics("en", "I need a flat"); len(got) == 0 || got[0] != "housing" {
		t.Errorf("the copy recognises %v, want housing", got)
	}
	// The copy holds every field the catalog loaded but its town and its caches (sync.Map):
	// a field left out would make a copy, as the tests use them, read messages otherwise
	// than the bot does (it left out the words and letters that guess a language).
	cv, dv := reflect.ValueOf(c).Elem(), reflect.ValueOf(d).Elem()
	for i := range cv.NumField() {
		f := cv.Type().Field(i)
		if f.Name == "town" || f.Type == reflect.TypeFor[sync.Map]() {
			continue
		}
		if cv.Field(i).IsZero() || !reflect.DeepEqual(fieldOf(cv, i), fieldOf(dv, i)) {
			t.Errorf("the copy's %s is not the catalog's", f.Name)
		}
	}
}

// fieldOf reads field i of v, also an unexported one (for a test's comparison only).
func fieldOf(v reflect.Value, i int) any {
	return reflect.NewAt(v.Field(i).Type(), v.Field(i).Addr().UnsafePointer()).Elem().Interface()
}

// TestDangerPhrasesWork: every language marks phrases of violence in the family and of a
// wish to die as danger ("!phrase"), and every danger phrase, written as a message of its
// own, is read as danger of its topic in its language: a phrase that a self-description or a
// not-context of its own list swallows would never show the numbers to call.
func TestDangerPhrasesWork(t *testing.T) {
	c := loadTestCatalog(t)
	for _, lang := range Shipped {
		for _, topic := range directory.Topics {
			list := c.message(lang, "topic.keywords."+conversation.TopicMessageKey(topic))
			marked := 0
			for _, p := range strings.Split(list, ",") {
				p = strings.TrimSpace(p)
				if !strings.HasPrefix(p, "!") {
					continue
				}
				marked++
				// As typed: without the list's marks ("!", "=", "~", a prefix's "*", the
				// "." that forbids one), which would be punctuation in a message, and with a
				// count of many ("#") written as one.
				words := strings.Fields(strings.ReplaceAll(strings.ReplaceAll(strings.TrimLeft(p, "!=~"), "*", ""), ".", ""))
				for i, w := range words {
					if w == "#" {
						words[i] = "30"
					}
				}
				msg := strings.Join(words, " ")
				if got := c.Danger(lang, msg); !slices.Contains(got, topic) {
					t.Errorf("%s: the danger phrase %q of %s, written alone, is read as danger of %v", lang, p, topic, got)
				}
			}
			if marked == 0 && (topic == "family" || topic == "health") {
				t.Errorf("%s: no danger phrase in the keywords of %s", lang, topic)
			}
		}
	}
}
