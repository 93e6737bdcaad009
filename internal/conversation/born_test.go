package conversation_test

import (
	"slices"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
)

// TestBirthYears: a year or date of birth typed at the age question gives the age today: a
// whole date one, taken; a year the two (or, in the Persian calendar Dari and Pashto readers
// count in, the two or three) it leaves open, offered to tap, with the year quoted. A year
// among words counts only where the words say it is one; a number that can be no year of
// birth is no age.
func TestBirthYears(t *testing.T) {
	today := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	cases := []struct {
		lang, text string
		ages       []int  // offered, or taken when one
		born       string // quoted when offered
	}{
		{"en", "1990", []int{35, 36}, "1990"},
		{"en", "I was born in 1995", []int{30, 31}, "1995"},
		{"en", "12.03.1990", []int{36}, ""},
		{"en", "born on 03/12/2001", []int{25}, ""},    // 12 March or 3 December: 25 either way
		{"en", "07/12/2001", []int{24, 25}, "2001"},    // 7 December (24) or 12 July (25): only the year is kept
		{"de", "geb. 10.12.2008", []int{17}, ""},       // with dots the day comes first: not 12 October
		{"en", "2026", []int{0}, ""},                   // born this year
		{"de", "Jahrgang 2000", []int{25, 26}, "2000"}, // the JMD's last year or the MBE's first
		{"ar", "مواليد ١٩٩٩", []int{26, 27}, "1999"},
		{"ar", "انا من مواليد 1988", []int{37, 38}, "1988"},
		{"fa-AF", "متولد ۱۳۷۵", []int{29, 30}, "1375"}, // 21 March 1996 to 20 March 1997
		{"fa-AF", "۱۳۷۵/۰۳/۱۲", []int{30}, ""},         // 1 or 2 June 1996
		{"fa-AF", "1996", []int{29, 30}, "1996"},       // a Gregorian year in Dari
		{"ps", "زه په ۱۳۸۰ کال کې زیږیدلی یم", []int{24, 25}, "1380"},
		{"tr", "1998 doğumluyum", []int{27, 28}, "1998"},
		{"tr", "1990 yılında doğdum", []int{35, 36}, "1990"},             // though "# yıl*" makes a number no age
		{"en", "I came on 01.02.2015, born 1990", []int{35, 36}, "1990"}, // the date is no birth, the year is
		{"de", "Geburtsjahr: 1990", []int{35, 36}, "1990"},
		{"fr", "date de naissance : 12.03.1990", []int{36}, ""},
		{"ru", "1985 г.р.", []int{40, 41}, "1985"},
		{"uk", "я 2003 року народження", []int{22, 23}, "2003"},
		{"fr", "je suis née en 1979", []int{46, 47}, "1979"},
		{"so", "waxaan dhashay 1992", []int{33, 34}, "1992"},
		{"bg", "роден съм 1990", []int{35, 36}, "1990"},
		{"ku", "ez di sala 1990an de ji dayik bûm", []int{35, 36}, "1990"},
		{"pl", "urodziłem się w 1990", []int{35, 36}, "1990"},
		{"ro", "m-am născut în 1990", []int{35, 36}, "1990"},
		{"ti", "ኣብ 1990 ተወሊደ", []int{35, 36}, "1990"},
		// A year written with its last two digits, where the words say it is a birth: the
		// latest such year (not an age of 95).
		{"ar", "مواليد 95", []int{30, 31}, "1995"},
		{"tr", "95 doğumluyum", []int{30, 31}, "1995"},
		{"ru", "85 г.р.", []int{40, 41}, "1985"},
		{"de", "Jahrgang 02", []int{23, 24}, "2002"},
		{"fa-AF", "متولد ۷۵", []int{29, 30}, "1375"},
		// The Arabic article, or tatweel, joined to the digits.
		{"ar", "مواليد الـ1995", []int{30, 31}, "1995"},
		{"ar", "انا من مواليد ال95", []int{30, 31}, "1995"},
		// The words say it is the age too: it is ("I'm #" and "# born").
		{"en", "i am 30 born in syria", []int{30}, ""},
		// Unless a year-of-birth context stands on both sides of it and no age context does:
		// "bin # geboren" is nearer than "ich bin #".
		{"de", "ich bin 95 geboren", []int{30, 31}, "1995"},
		{"de", "ich bin 30, geboren in Syrien", []int{30}, ""},
	}
	for _, c := range cases {
		t.Run(c.lang+" "+c.text, func(t *testing.T) {
			e := newEngine(t, nil)
			e.Now = func() time.Time { return today }
			s, out := run(t, e, conversation.State{}, ins(cmd("start", c.lang), text(c.text)))
			if len(c.ages) == 1 {
				if s.Age == nil || *s.Age != c.ages[0] || !s.AgeTyped {
					t.Fatalf("age %v, want %d taken (said %q)", s.Age, c.ages[0], said(out))
				}
				return
			}
			if s.Age != nil || !slices.Equal(s.AgeChoices, c.ages) || s.Born != c.born {
				t.Fatalf("age %v, choices %v from %q; want %v offered from %q (said %q)", s.Age, s.AgeChoices, s.Born, c.ages, c.born, said(out))
			}
			q := out.Messages[len(out.Messages)-1]
			if quoted, _ := q.Lines[0].Data["Born"].(dialog.Text); q.Lines[0].ID != "age.born_which" || quoted.Raw != c.born || !quoted.LTR {
				t.Errorf("asked %+v, want age.born_which quoting %q", q.Lines[0], c.born)
			}
			if len(q.Buttons) != 1 || len(q.Buttons[0]) != len(c.ages) {
				t.Errorf("buttons %+v, want the %d ages in a row", q.Buttons, len(c.ages))
			}
		})
	}

	// Tapped or typed, an age offered is taken; the next question does not quote the year.
	for _, answer := range []dialog.Input{tap("age:n36"), text("36")} {
		e := newEngine(t, nil)
		e.Now = func() time.Time { return today }
		s, _ := run(t, e, conversation.State{}, ins(cmd("start", "en"), text("1990"), answer))
		if s.Age == nil || *s.Age != 36 || s.Step() != conversation.StepTopic || len(s.AgeChoices) != 0 || s.Born != "" {
			t.Errorf("after %+v: age %v, step %s, choices %v", answer, s.Age, s.Step(), s.AgeChoices)
		}
	}
	// A small number among words typed after a year is asked about as a number, without the
	// year quoted.
	e0 := newEngine(t, nil)
	e0.Now = func() time.Time { return today }
	s0, out0 := run(t, e0, conversation.State{}, ins(cmd("start", "en"), text("1990"), text("I live on floor 3")))
	if q := out0.Messages[len(out0.Messages)-1]; s0.Born != "" || q.Lines[0].ID != "age.confirm" {
		t.Errorf("born %q, asked %q; want the number confirmed without the year", s0.Born, q.Lines[0].ID)
	}
	// Numbers typed after a year are asked about as numbers.
	e := newEngine(t, nil)
	e.Now = func() time.Time { return today }
	s, out := run(t, e, conversation.State{}, ins(cmd("start", "en"), text("1990"), text("I am 35 and my son is 3")))
	if s.Born != "" || said(out)[len(said(out))-1] != "age.which" {
		t.Errorf("born %q, said %q; want the numbers asked about", s.Born, said(out))
	}

	// A need beside a year of birth: both are taken, in one message.
	for _, c := range []struct {
		lang, text string
		ages       []int
	}{
		{"ar", "انا مواليد 1990 وبدي شقة", []int{35, 36}},
		{"en", "born 12.03.1990, I need a flat", []int{36}},
	} {
		e := newEngine(t, nil)
		e.Now = func() time.Time { return today }
		s, out := run(t, e, conversation.State{}, ins(cmd("start", c.lang), text(c.text)))
		if s.Topic != "housing" {
			t.Errorf("%q: topic %q, want housing", c.text, s.Topic)
		}
		taken := len(c.ages) == 1 && s.Age != nil && *s.Age == c.ages[0]
		if !taken && !slices.Equal(s.AgeChoices, c.ages) {
			t.Errorf("%q: age %v, choices %v; want %v", c.text, s.Age, s.AgeChoices, c.ages)
		}
		if last := out.Messages[len(out.Messages)-1]; last.Lines[0].ID != "topic.recognized" {
			t.Errorf("%q: the last message starts with %q, want the need understood before the question", c.text, last.Lines[0].ID)
		}
	}

	// A young child's parent: the parent's year gives the parent's age; a child's year none.
	for _, c := range []struct {
		text string
		ages []int
	}{{"1990", []int{35, 36}}, {"2019", nil}} {
		e := newEngine(t, nil)
		e.Now = func() time.Time { return today }
		s, out := run(t, e, conversation.State{}, ins(cmd("start", "en"), text("7"), tap("child:yes"), text(c.text)))
		if s.Step() != conversation.StepParentAge || s.ParentAge != nil || !slices.Equal(s.AgeChoices, c.ages) {
			t.Errorf("parent %q: step %s, parent age %v, choices %v; want %v offered (said %q)", c.text, s.Step(), s.ParentAge, s.AgeChoices, c.ages, said(out))
		}
	}

	for _, c := range []struct{ lang, text string }{
		{"en", "I came to Germany in 2015"}, // a year, not of birth
		{"en", "1850"},                      // no one alive
		{"en", "2031"},                      // not yet
		{"en", "31.02.1990"},                // no such day
		{"de", "seit 2015 in Kassel"},
		{"fa-AF", "۱۴۲۰"}, // a Persian year to come
		{"en", "1990 2001"},
	} {
		e := newEngine(t, nil)
		e.Now = func() time.Time { return today }
		s, out := run(t, e, conversation.State{}, ins(cmd("start", c.lang), text(c.text)))
		if s.Age != nil || s.Born != "" || len(s.AgeChoices) > 0 {
			t.Errorf("%s %q: age %v, choices %v from %q (said %q); want no age", c.lang, c.text, s.Age, s.AgeChoices, s.Born, said(out))
		}
	}
}
