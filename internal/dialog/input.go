package dialog

import (
	"strings"
	"unicode"
)

// InputKind says what the user did.
type InputKind int

// The kinds of input.
const (
	InputText        InputKind = iota // a text message
	InputCommand                      // a /command, Text without the slash, Arg its payload
	InputChoice                       // a button tap, Choice its data
	InputLocation                     // a shared location
	InputUnsupported                  // a sticker, voice note, video, ...
	InputResume                       // a front end starts again (the console): ask where we were
	InputFile                         // a photo or document, File its reference, Text its caption
)

// Input is one thing the user did.
type Input struct {
	Kind       InputKind
	Text       string // the text, or the command name without the slash
	Arg        string // the command's payload (/start ar)
	Choice     string // button data; untrusted
	Lat, Lon   float64
	ClientLang string // the user's app language (may be empty or wrong)
	File       *Attachment
}

// Attachment is a photo or document the user sent, as the front end's reference to it (a
// Telegram file_id): the content itself is never read, and the reference is only passed on.
type Attachment struct {
	Ref   string
	Name  string // a document's file name; empty for photos
	Photo bool
	Size  int64 // bytes, as the front end reports it (0: unknown)
}

// Command reads a typed "/command payload" as every front end does: the name lower-cased and
// without a bot's name ("/Start@wegweiser_bot ar" is start, ar), the payload after the first
// space or line break. ok is false when text is no command.
func Command(text string) (name, arg string, ok bool) {
	rest, ok := strings.CutPrefix(text, "/")
	if !ok {
		return "", "", false
	}
	name, arg = rest, ""
	if i := strings.IndexFunc(rest, unicode.IsSpace); i >= 0 {
		name, arg = rest[:i], rest[i:]
	}
	name, _, _ = strings.Cut(name, "@")
	return strings.ToLower(name), strings.TrimSpace(arg), true
}
