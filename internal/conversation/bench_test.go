package conversation_test

import (
	"context"
	"strings"
	"testing"
	"unicode"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/i18n"
)

// BenchmarkConversation measures the engine alone over the conversation the load benchmark's
// users walk (package telegram): /start in the app's language, the age typed, a topic
// tapped, the place skipped on the reply keyboard (its label typed back), feedback tapped,
// in every shipped language in turn; then three free texts a newcomer might type at the
// topic question. One op is one input.
func BenchmarkConversation(b *testing.B) {
	e := newEngine(b, nil)
	cat, _ := loadCatalog()
	type step struct {
		in   func(lang string) dialog.Input
		next bool // the state goes on from this step's
	}
	skip := map[string]string{}
	for _, lang := range i18n.Shipped {
		skip[lang] = strings.TrimFunc(cat.Render(lang, dialog.T("place.skip")), func(r rune) bool {
			return unicode.Is(unicode.Bidi_Control, r) || unicode.IsSpace(r)
		})
	}
	steps := []func(lang string) dialog.Input{
		func(lang string) dialog.Input { return withClient(cmd("start", ""), lang) },
		func(string) dialog.Input { return text("34") },
		func(string) dialog.Input { return tap("topic:residence") },
		func(lang string) dialog.Input { return text(skip[lang]) },
		func(string) dialog.Input { return tap("res:yes") },
	}
	ctx := context.Background()
	b.ReportAllocs()
	var s conversation.State
	n := 0
	for b.Loop() {
		lang := i18n.Shipped[(n/len(steps))%len(i18n.Shipped)]
		step := n % len(steps)
		if step == 0 {
			s = conversation.State{}
		}
		next, _, err := e.Handle(ctx, s, withClient(steps[step](lang), lang))
		if err != nil {
			b.Fatal(err)
		}
		s = next
		n++
	}
}

// BenchmarkFreeText measures the engine on a message a newcomer types at the topic question
// instead of tapping a topic: a sentence or two, in several languages and scripts. One op is
// one message.
func BenchmarkFreeText(b *testing.B) {
	e := newEngine(b, nil)
	ctx := context.Background()
	texts := []struct{ lang, text string }{
		{"ar", "مرحبا، وصلتني رسالة من الجوب سنتر وما فهمت شو بدهم مني. ممكن حدا يساعدني؟ عندي موعد الأسبوع الجاي"},
		{"uk", "Добрий день, я отримала лист від Jobcenter і не розумію, що треба робити. Чи можете допомогти? Дякую"},
		{"fa-AF", "سلام، من یک نامه از اداره خارجی ها گرفتم و نمی فهمم چه باید بکنم. اقامتم تا ماه بعد تمام میشه"},
		{"tr", "Merhaba, kiracıyım ve ev sahibi beni evden çıkarmak istiyor. Ne yapmalıyım, bana yardım eder misiniz?"},
		{"de", "Hallo, ich suche einen Deutschkurs für meine Frau und einen Kitaplatz für unsere Tochter, wer hilft uns?"},
		{"en", "Hi, my residence permit expires next month and I could not get an appointment at the foreigners office"},
	}
	starts := map[string]conversation.State{}
	for _, t := range texts {
		s := conversation.State{}
		for _, in := range ins(withClient(cmd("start", ""), t.lang), text("34")) {
			next, _, err := e.Handle(ctx, s, withClient(in, t.lang))
			if err != nil {
				b.Fatal(err)
			}
			s = next
		}
		starts[t.lang] = s
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		t := texts[n%len(texts)]
		if _, _, err := e.Handle(ctx, starts[t.lang], withClient(text(t.text), t.lang)); err != nil {
			b.Fatal(err)
		}
		n++
	}
}
