package directory

import (
	"testing"
	"time"
)

func TestParseOpeningHours(t *testing.T) {
	rules, err := ParseOpeningHours("Mo-We,Fr 09:00-12:00,13:00-15:30; Sa off; Su 10:00-24:00")
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) != 3 {
		t.Fatalf("got %d rules", len(rules))
	}
	want := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Friday}
	if len(rules[0].Days) != len(want) {
		t.Fatalf("days = %v", rules[0].Days)
	}
	for i, d := range want {
		if rules[0].Days[i] != d {
			t.Errorf("day %d = %v, want %v", i, rules[0].Days[i], d)
		}
	}
	if rules[0].Spans[1].String() != "13:00-15:30" || !rules[1].Off || rules[2].Spans[0].To != 24*60 {
		t.Errorf("rules = %+v", rules)
	}
	wrap, err := ParseOpeningHours("Sa-Mo 10:00-11:00")
	if err != nil || len(wrap[0].Days) != 3 || wrap[0].Days[1] != time.Sunday {
		t.Errorf("Sa-Mo = %+v, %v", wrap, err)
	}
	for _, bad := range []string{"Mo", "Mo 9-12", "Xy 09:00-12:00", "Mo 12:00-09:00", "Mo 09:00-25:00", "Mo 0a:00-12:00", "Mo-Fr 09:00-12:00;"} {
		if _, err := ParseOpeningHours(bad); err == nil {
			t.Errorf("ParseOpeningHours(%q) accepted", bad)
		}
	}
}

func TestLanguageKey(t *testing.T) {
	for in, want := range map[string]string{"fa-AF": "fa", "prs": "fa", "fa": "fa", "kmr": "ku", "ku": "ku", "ar-SY": "ar", "de": "de"} {
		if got := LanguageKey(in); got != want {
			t.Errorf("LanguageKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestServiceForAge(t *testing.T) {
	cases := []struct {
		age  int
		kind Kind
		ok   bool
	}{{11, "", false}, {12, KindJMD, true}, {26, KindJMD, true}, {27, KindMBE, true}, {90, KindMBE, true}}
	for _, c := range cases {
		if k, ok := ServiceForAge(c.age); k != c.kind || ok != c.ok {
			t.Errorf("ServiceForAge(%d) = %q, %v; want %q, %v", c.age, k, ok, c.kind, c.ok)
		}
	}
}
