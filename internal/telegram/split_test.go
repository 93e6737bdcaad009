package telegram

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/testharness"
)

// A long text is split into chunks Telegram takes: none empty or only white space (Telegram
// refuses those for good), none over the limit, nothing but line ends and white space at a
// cut lost.
func TestSplitNeverMakesABlankChunk(t *testing.T) {
	a4096 := strings.Repeat("a", maxText)
	cases := map[string]string{
		"4096 and a newline":         a4096 + "\n",
		"4096 and a space":           a4096 + " ",
		"4096 and white space":       a4096 + " \n \n\t ",
		"4096 and newlines, then x":  a4096 + "\n\n\nx",
		"blank line first":           " \n" + strings.Repeat("b", 2*maxText),
		"4096 spaces, then text":     strings.Repeat(" ", maxText) + "\ntext",
		"lines of spaces":            strings.Repeat(strings.Repeat(" ", 100)+"\n", 100) + "end",
		"a line end at 4096":         strings.Repeat("c", maxText-1) + "\n" + strings.Repeat("d", maxText),
		"8192 emoji and a space":     strings.Repeat("🙂", 2*maxText) + " ",
		"short":                      "short",
		"two lines, the second long": "x\n" + strings.Repeat("e", maxText+1),
	}
	for name, text := range cases {
		chunks := split(text)
		if len(chunks) == 0 {
			t.Errorf("%s: no chunk", name)
			continue
		}
		for i, c := range chunks {
			if strings.TrimSpace(c) == "" {
				t.Errorf("%s: chunk %d of %d is blank (%d bytes)", name, i+1, len(chunks), len(c))
			}
			if n := utf8.RuneCountInString(c); n > maxText {
				t.Errorf("%s: chunk %d of %d has %d characters", name, i+1, len(chunks), n)
			}
		}
		if got, want := strings.Join(strings.Fields(strings.Join(chunks, " ")), ""), strings.Join(strings.Fields(text), ""); got != want {
			t.Errorf("%s: the chunks lost text", name)
		}
	}
	if got := split(""); len(got) != 1 || got[0] != "" {
		t.Errorf("split(\"\") = %q, want one empty chunk as before (a message always has one)", got)
	}
}

// The buttons of a long message stay on its last chunk, which is not blank; a caption too
// long for a file goes on in a message only when something is left to say.
func TestLongMessageKeepsItsButtonsOnTheLastRealChunk(t *testing.T) {
	a := &Adapter{catalog: testharness.Catalog(t)}
	text := strings.Repeat("a", maxText) + "\n "
	calls := a.renderMessage(1, "en", dialog.Message{Lines: []dialog.Text{dialog.Raw(text)},
		Buttons: [][]dialog.Button{{{Label: dialog.Raw("ok"), Data: "ok"}}}})
	if len(calls) != 1 || calls[0].Inline == nil || strings.TrimSpace(calls[0].Text) == "" {
		t.Errorf("a text of 4096 characters and white space made %d calls (the last with buttons: %v)", len(calls), calls[len(calls)-1].Inline != nil)
	}
	caption := strings.Repeat("f", maxCaption) + " \n"
	calls = a.renderMessage(1, "en", dialog.Message{Lines: []dialog.Text{dialog.Raw(caption)}, File: &dialog.File{}})
	for i, c := range calls {
		if i > 0 && strings.TrimSpace(c.Text) == "" {
			t.Errorf("a caption of %d characters and white space went on in a blank message", maxCaption)
		}
	}
}
