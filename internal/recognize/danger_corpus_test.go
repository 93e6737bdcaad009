package recognize_test

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/testharness"
)

// TestDangerCorpus reads testdata/danger/<lang>.txt: messages saying that the writer may be in
// danger now, each with the topic whose help it must bring at once (health: a wish to die or
// to harm oneself, the crisis line; family: violence or control at home, the helplines), and
// look-alikes that must bring none ("-": "he does not hit me", "I am dying to see you"). Every
// line must be read as labelled, in the writer's language, typed in its own script or in Latin
// letters: a missed danger leaves a person without the number they need.
func TestDangerCorpus(t *testing.T) {
	cat := testharness.Catalog(t)
	files, _ := filepath.Glob("testdata/danger/*.txt")
	if len(files) == 0 {
		t.Fatal("no danger corpus")
	}
	for _, path := range files {
		lang := strings.TrimSuffix(filepath.Base(path), ".txt")
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			line := sc.Text()
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			want, text, ok := strings.Cut(line, "\t")
			if !ok {
				t.Fatalf("%s:%d: no tab", path, n)
			}
			got := cat.Danger(lang, text)
			switch {
			case want == "-" && len(got) > 0:
				t.Errorf("%s:%d: %q brings help for %v, want none", path, n, text, got)
			case want != "-" && !slices.Contains(got, directory.Topic(want)):
				t.Errorf("%s:%d: %q brings %v, want %s", path, n, text, got, want)
			}
		}
		f.Close()
	}
}
