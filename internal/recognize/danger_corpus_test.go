package recognize_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/corpusfile"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/testharness"
)

// TestDangerCorpus reads testdata/danger/<lang>.txt: messages saying that the writer may be in
// danger now, each with the topic whose help it must bring at once (health: a wish to die or
// to harm oneself, the crisis line; family: violence or control at home, the helplines), and
// look-alikes that must bring none ("-": "he does not hit me", "I am dying to see you"). Every
// line must be read as labelled, in the writer's language, typed in its own script or in Latin
// letters: a missed danger leaves a person without the number they need.
//
// WEGWEISER_DANGER names another folder of such files to read instead (a set written apart):
// its misses are logged and counted, not failed, to see how the phrases do on messages they
// were not made from.
func TestDangerCorpus(t *testing.T) {
	cat := testharness.Catalog(t)
	dir, measure := "testdata/danger", false
	if d := os.Getenv("WEGWEISER_DANGER"); d != "" {
		dir, measure = d, true
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Fatal("no danger corpus")
	}
	fail := t.Errorf
	if measure {
		fail = t.Logf
	}
	var lines, missed, alarms int
	defer func() {
		if measure {
			t.Logf("danger set %s: %d lines, %d dangers missed, %d false alarms", dir, lines, missed, alarms)
		}
	}()
	for _, path := range files {
		lang := strings.TrimSuffix(filepath.Base(path), ".txt")
		for _, l := range corpusfile.Read(t, path) {
			n, want, text := l.N, l.Expected, l.Text
			got := cat.Danger(lang, text)
			lines++
			switch {
			case want == "-" && len(got) > 0:
				alarms++
				fail("%s:%d: %q brings help for %v, want none", path, n, text, got)
			case want != "-" && !slices.Contains(got, directory.Topic(want)):
				missed++
				fail("%s:%d: %q brings %v, want %s", path, n, text, got, want)
			}
		}
	}
}
