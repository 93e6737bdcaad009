package conversation

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kassel/wegweiser/internal/dialog"
)

// MaxTextLength is the most characters (Unicode code points, after trimming spaces) of a
// value typed on the staff side: enough for every field, up to an office's note of 500
// characters.
const MaxTextLength = 500

// MaxMessageLength is the most characters of a newcomer's message the conversation reads:
// as many as Telegram lets a message hold. Stressed people write long stories, with their
// age, their needs and sometimes a danger in them: all of it is read.
const MaxMessageLength = 4096

// Why typed text is refused.
const (
	TypedEncoding = "encoding" // not valid UTF-8
	TypedControl  = "control"  // a control character other than line break and tab
	TypedTooLong  = "too_long" // more characters than allowed
)

// CheckTyped checks a value typed on the staff side before anything reads it: at most
// MaxTextLength characters. It returns the reason for refusing it (TypedEncoding,
// TypedControl, TypedTooLong) and the answer in the reader's language, or "" when the text
// may be read.
func CheckTyped(text string) (reason string, answer dialog.Text) {
	return checkTyped(text, MaxTextLength)
}

// CheckMessage is CheckTyped for a newcomer's message: at most MaxMessageLength characters.
func CheckMessage(text string) (reason string, answer dialog.Text) {
	return checkTyped(text, MaxMessageLength)
}

func checkTyped(text string, most int) (reason string, answer dialog.Text) {
	reason = typedProblem(text, most)
	if reason == "" {
		return "", dialog.Text{}
	}
	if reason == TypedTooLong {
		return reason, dialog.T("too_long")
	}
	return reason, dialog.T("unreadable")
}

func typedProblem(text string, most int) string {
	if !utf8.ValidString(text) {
		return TypedEncoding
	}
	text = strings.TrimSpace(text)
	for _, r := range text {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return TypedControl
		}
	}
	if utf8.RuneCountInString(text) > most {
		return TypedTooLong
	}
	return ""
}
