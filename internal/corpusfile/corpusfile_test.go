package corpusfile

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "en.txt")
	if err := os.WriteFile(path, []byte("# a comment\n\nhealth\tI need a doctor\n-\thello\tthere\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	want := []Line{{N: 3, Expected: "health", Text: "I need a doctor"}, {N: 4, Expected: "-", Text: "hello\tthere"}}
	if got := Read(t, path); !slices.Equal(got, want) {
		t.Errorf("Read = %+v, want %+v", got, want)
	}
}
