package recognize

import (
	"slices"
	"testing"
)

// TestNormalizeRemembersBriefly checks the memo behind Normalize: a text asked again gives the
// same words as normalising it afresh, each caller's copy is its own (changing it changes
// no later answer), and emptying drops every text kept, an emptying being scheduled whenever
// one is kept.
func TestNormalizeRemembersBriefly(t *testing.T) {
	texts := []string{"Ich brauche eine Wohnung", "أحتاج   شقة!", "мені потрібна квартира", "34", "", "l'école d'asile"}
	for range 3 {
		for _, s := range texts {
			got := Normalize(s)
			if want := normalize(s); !slices.Equal(got, want) {
				t.Fatalf("%q: %q, normalised afresh %q", s, got, want)
			}
			for i := range got {
				got[i] = "changed"
			}
		}
	}
	m := &memo{}
	m.put("hello", []string{"hello"})
	if !m.armed.Load() {
		t.Fatal("a text was kept with no emptying scheduled")
	}
	if w, ok := m.get("hello"); !ok || !slices.Equal(w, []string{"hello"}) {
		t.Fatalf("kept text: %q %v", w, ok)
	}
	m.empty()
	for i := range m.slots {
		if m.slots[i].Load() != nil {
			t.Fatalf("slot %d still holds a text after emptying", i)
		}
	}
	if _, ok := m.get("hello"); ok || m.armed.Load() {
		t.Fatal("a text was found after emptying, or an emptying stayed scheduled")
	}
	long := string(make([]byte, memoMaxText+1))
	m.put(long, nil)
	if _, ok := m.get(long); ok {
		t.Fatal("a text longer than memoMaxText was kept")
	}
}

// TestNormalizeConcurrently reads texts from many goroutines while the memo is emptied
// beside them: every answer is the text's words (run with -race, as make test does).
func TestNormalizeConcurrently(t *testing.T) {
	texts := []string{"mein Mann schlägt mich", "أحتاج شقة", "мені потрібна квартира", "34", "kira ödeyemiyorum", "ጽሑፍ መጺኡኒ", "je cherche un cours d'allemand", "Wohnung"}
	want := make([][]string, len(texts))
	for i, s := range texts {
		want[i] = normalize(s)
	}
	done := make(chan bool)
	for g := range 8 {
		go func() {
			ok := true
			for n := range 500 {
				i := (g + n) % len(texts)
				if !slices.Equal(Normalize(texts[i]), want[i]) {
					ok = false
				}
				if g == 0 && n%50 == 0 {
					recent.empty()
				}
			}
			done <- ok
		}()
	}
	for range 8 {
		if !<-done {
			t.Fatal("a text read concurrently gave other words than its own")
		}
	}
}
