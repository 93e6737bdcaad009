package console

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/kassel/wegweiser/internal/dialog"
)

// switchUser takes a line "@N": the console goes on as local user N, with the choices they
// were last sent. It reports whether the line was one.
func (c *Console) switchUser(w io.Writer, line string) bool {
	rest, ok := strings.CutPrefix(line, "@")
	id, err := strconv.ParseInt(rest, 10, 64)
	if !ok || err != nil || id < 0 {
		return false
	}
	c.remember()
	c.others[c.User], c.langs[c.User] = slices.Clone(c.buttons), c.lang
	c.User, c.ChatKey, c.buttons = id, c.Runner.Key(id), c.others[id]
	if lang, ok := c.langs[id]; ok {
		c.lang = lang
	}
	fmt.Fprintf(w, "(now local user @%d)\n", id)
	for i, b := range c.buttons {
		fmt.Fprintf(w, "  [%d] %s\n", i+1, c.Catalog.Render(c.lang, b.Label))
	}
	return true
}

// printOthers prints what a turn says to other local users, each marked with its user, and
// keeps their choices for when the console switches to them.
func (c *Console) printOthers(w io.Writer, msgs []dialog.Outgoing) {
	if len(msgs) == 0 {
		return
	}
	c.remember()
	for _, o := range msgs {
		c.langs[o.ChatID] = o.Lang
		fmt.Fprintf(w, "── to @%d ──\n%s\n", o.ChatID, c.Catalog.RenderMessage(o.Lang, o.Message))
		if o.Message.File != nil {
			fmt.Fprintf(w, "[file] %s\n", o.Message.File.Ref)
		}
		if len(o.Message.Buttons) == 0 {
			continue
		}
		var choices []dialog.Button
		for _, row := range o.Message.Buttons {
			for _, b := range row {
				choices = append(choices, b)
				fmt.Fprintf(w, "  [%d] %s\n", len(choices), c.Catalog.Render(o.Lang, b.Label))
			}
		}
		c.others[o.ChatID] = choices
	}
	fmt.Fprintln(w, "(type @N to answer as local user N)")
}

// remember makes the maps of the other users' choices and languages.
func (c *Console) remember() {
	if c.others == nil {
		c.others, c.langs = map[int64][]dialog.Button{}, map[int64]string{}
	}
}
