package csvsafe

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every CSV the product writes goes through Writer: no other package makes an encoding/csv
// writer of its own, which would write formula cells as they are.
func TestNoOtherCSVWriter(t *testing.T) {
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(string(src), "csv.NewWriter(") && filepath.Base(filepath.Dir(path)) != "csvsafe" {
			t.Errorf("%s makes its own CSV writer: use csvsafe.NewWriter", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
