// Package console is the terminal front end: the newcomer conversation on standard input and
// output, choices numbered, for demos, translators and tests. A transcript can be piped in.
// Several local users can take turns in one console ("@7" switches to user 7), so that both
// sides of a hand-over can be tried: what a turn says to another user is printed at once,
// marked with that user, and their choices are kept for when the console switches to them.
package console

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/kassel/wegweiser/internal/chat"
	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/staff"
)

// LocalUser is the console user's stand-in for a Telegram id: `/start staff-<code>` in the
// console binds this local user.
const LocalUser = 0

// Console runs one local chat.
type Console struct {
	Runner  *chat.Runner
	Catalog *i18n.Catalog
	ChatKey string // the local user's storage key
	Lang    string // the terminal user's language, as a client language tag
	Log     *slog.Logger
	// User is the local user's stand-in for a Telegram id (LocalUser unless --as).
	User int64

	buttons []dialog.Button // the choices of the last message, numbered from 1; no Data: a reply button
	lang    string          // the conversation's language after the last turn
	// others are the choices of the last message each other local user was sent, and langs
	// the language each local user was last spoken to in.
	others map[int64][]dialog.Button
	langs  map[int64]string
}

// Run reads lines until the input ends or ctx is done. A line is a command (/start), the
// number of a choice, "lat, lon" for a position, "." for an unsupported message (as a
// sticker would be), or text.
func (c *Console) Run(ctx context.Context, in io.Reader, out io.Writer) error {
	c.lang = c.Lang
	// With --lang, start afresh in that language; otherwise go on where the last session
	// stopped (the conversation is stored, as in Telegram).
	first := dialog.Input{Kind: dialog.InputResume, ClientLang: c.Lang}
	if c.Lang != "" {
		first = dialog.Input{Kind: dialog.InputCommand, Text: "start", Arg: c.Lang, ClientLang: c.Lang}
	}
	if err := c.turn(ctx, out, first); err != nil {
		return err
	}
	r := bufio.NewReaderSize(in, 64*1024)
	for {
		raw, err := readLine(r)
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		if ctx.Err() != nil {
			return nil
		}
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		fmt.Fprintf(out, "> %s\n", line)
		if c.switchUser(out, line) {
			continue
		}
		if err := c.turn(ctx, out, c.input(line)); err != nil {
			return err
		}
	}
}

// maxLine is the most of a typed line the console keeps: far more than a Telegram message
// holds, so that an over-long line is still answered as one ("too long"), and the rest of
// it is dropped rather than ending the session.
const maxLine = 1 << 20

// readLine reads a line of r without its end, at most maxLine bytes of it; io.EOF once
// nothing is left.
func readLine(r *bufio.Reader) (string, error) {
	var b strings.Builder
	for {
		chunk, err := r.ReadSlice('\n')
		if b.Len() < maxLine {
			b.Write(chunk[:min(len(chunk), maxLine-b.Len())])
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && b.Len() > 0:
			return strings.TrimRight(b.String(), "\r\n"), nil
		case err != nil:
			return "", err
		}
		return strings.TrimRight(b.String(), "\r\n"), nil
	}
}

func (c *Console) input(line string) dialog.Input {
	in := dialog.Input{ClientLang: c.Lang}
	// The number of a button, also in the digits of the reader's script ("٢", "۲": J9, a
	// young person's "٢" at the question about a parent became the age 2).
	if n, err := strconv.Atoi(strings.TrimSpace(conversation.NormalizeDigits(line))); err == nil && n >= 1 && n <= len(c.buttons) {
		b := c.buttons[n-1]
		if b.Data == "" { // a reply-keyboard button sends its label, as Telegram does
			in.Kind, in.Text = dialog.InputText, c.Catalog.Render(c.lang, b.Label)
			return in
		}
		in.Kind, in.Choice = dialog.InputChoice, b.Data
		return in
	}
	switch {
	case strings.HasPrefix(line, "/"):
		in.Kind = dialog.InputCommand
		in.Text, in.Arg, _ = dialog.Command(line)
	case line == ".":
		in.Kind = dialog.InputUnsupported
	case strings.HasPrefix(line, "data:"): // a raw button payload, as a modified client could send
		in.Kind, in.Choice = dialog.InputChoice, strings.TrimPrefix(line, "data:")
	case strings.HasPrefix(line, "photo:"), strings.HasPrefix(line, "file:"): // a photo or document, by name
		kind, name, _ := strings.Cut(line, ":")
		in.Kind, in.File = dialog.InputFile, &dialog.Attachment{Ref: "console:" + name, Name: name, Photo: kind == "photo"}
	default:
		in.Kind, in.Text = dialog.InputText, line
	}
	return in
}

func (c *Console) turn(ctx context.Context, w io.Writer, in dialog.Input) error {
	o, lang, err := c.Runner.Handle(ctx, c.ChatKey, 0, in, staff.Who{TelegramID: c.User, Name: "console"})
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return err
		}
		c.Log.Error("turn failed", "err", err)
		fmt.Fprintln(w, c.Catalog.Render(c.lang, dialog.T("unavailable")))
		return nil
	}
	if lang != "" {
		c.lang = lang
	}
	if o.Notice != nil {
		fmt.Fprintf(w, "(%s)\n", c.Catalog.Render(c.lang, *o.Notice))
	}
	if o.Edit != nil && len(o.Edit.Buttons) > 0 {
		// A message that changed in place and goes on (a staff card, toggles): print it again.
		// An answered question without buttons needs no repeating.
		c.print(w, *o.Edit)
	}
	for _, m := range o.Messages {
		c.print(w, m)
	}
	c.printOthers(w, o.Others)
	return nil
}

func (c *Console) print(w io.Writer, m dialog.Message) {
	lang := c.lang
	if m.Lang != "" {
		lang = m.Lang
	}
	if m.File != nil && m.File.Ref != "" {
		fmt.Fprintln(w, c.Catalog.RenderMessage(lang, m))
		fmt.Fprintf(w, "[file] %s (passed on by reference)\n", m.File.Ref)
		c.printButtons(w, lang, m)
		return
	}
	if m.File != nil {
		fmt.Fprintln(w, c.Catalog.RenderMessage(lang, m))
		path := filepath.Join(os.TempDir(), m.File.Name)
		if err := os.WriteFile(path, m.File.Data, 0o600); err != nil {
			fmt.Fprintf(w, "[file] %s could not be written: %v\n", m.File.Name, err)
			return
		}
		fmt.Fprintf(w, "[file] %s (%d bytes)\n", path, len(m.File.Data))
		return
	}
	if m.Venue != nil {
		fmt.Fprintf(w, "[map] %s, %s: https://www.openstreetmap.org/?mlat=%.5f&mlon=%.5f\n",
			m.Venue.Title, m.Venue.Address, m.Venue.Lat, m.Venue.Lon)
		return
	}
	fmt.Fprintln(w, c.Catalog.RenderMessage(lang, m))
	c.printButtons(w, lang, m)
}

// printButtons lists a message's choices, numbered, and keeps them for the next line.
func (c *Console) printButtons(w io.Writer, lang string, m dialog.Message) {
	if len(m.Buttons) == 0 && m.AskLocation == nil {
		return
	}
	c.buttons = c.buttons[:0]
	for _, row := range m.Buttons {
		for _, b := range row {
			c.buttons = append(c.buttons, b)
			fmt.Fprintf(w, "  [%d] %s\n", len(c.buttons), c.Catalog.Render(lang, b.Label))
		}
	}
	if m.AskLocation != nil {
		fmt.Fprintf(w, "  (%s: latitude, longitude)\n", c.Catalog.Render(lang, *m.AskLocation))
	}
	for _, t := range m.Reply {
		c.buttons = append(c.buttons, dialog.Button{Label: t})
		fmt.Fprintf(w, "  [%d] %s\n", len(c.buttons), c.Catalog.Render(lang, t))
	}
	fmt.Fprintf(w, "  %s\n", c.Catalog.Render(lang, dialog.T("console.choose")))
}
