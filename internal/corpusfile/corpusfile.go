// Package corpusfile reads the files of the test corpora (typed messages, dangers, ages): one
// case a line, "<expected><TAB><text>"; empty lines and lines starting with # are comments.
// Only tests import it.
package corpusfile

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Line is one case: its line number in the file, what is expected, and the text.
type Line struct {
	N              int
	Expected, Text string
}

// Read reads the cases of path, and fails tb when it cannot be read or a case has no tab.
func Read(tb testing.TB, path string) []Line {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []Line
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		exp, text, ok := strings.Cut(line, "\t")
		if !ok {
			tb.Fatalf("%s:%d: no tab between what is expected and the text", path, n)
		}
		out = append(out, Line{N: n, Expected: exp, Text: text})
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return out
}

// Rates reads the corpus of dir, one file a language (langs of them), or the files of the
// folder the environment variable env names instead (a set written apart), through judge,
// which says how many of a language's cases were read right of how many. It logs the rate
// per language and overall, and fails tb below minLang % in a language or minAll % overall;
// what names what the rates count ("recognised").
func Rates(tb testing.TB, dir, env string, langs int, what string, minLang, minAll float64, judge func(lang, path string) (right, total int)) {
	tb.Helper()
	if d := os.Getenv(env); d != "" {
		dir = d
	} else if files, _ := filepath.Glob(filepath.Join(dir, "*.txt")); len(files) != langs {
		tb.Errorf("%d files in %s for %d shipped languages", len(files), dir, langs)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	sort.Strings(files)
	if len(files) == 0 {
		tb.Fatalf("no corpus files in %s", dir)
	}
	total, right := 0, 0
	var report []string
	for _, path := range files {
		lang := strings.TrimSuffix(filepath.Base(path), ".txt")
		good, n := judge(lang, path)
		rate := 100 * float64(good) / float64(max(n, 1))
		report = append(report, fmt.Sprintf("%-6s %5.1f %% (%d/%d)", lang, rate, good, n))
		if rate < minLang {
			tb.Errorf("%s: %.1f %% %s, below %.0f %%", lang, rate, what, minLang)
		}
		total += n
		right += good
	}
	rate := 100 * float64(right) / float64(max(total, 1))
	report = append(report, fmt.Sprintf("all    %5.1f %% (%d/%d)", rate, right, total))
	tb.Logf("%s, %s per language:\n%s", dir, what, strings.Join(report, "\n"))
	if rate < minAll {
		tb.Errorf("%.1f %% %s overall, below %.0f %%", rate, what, minAll)
	}
}
