package conversation

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kassel/wegweiser/internal/dialog"
)

// MaxTextLength is the most characters (Unicode code points, after trimming spaces) of typed
// text the bot reads: enough for every answer it asks for, from an age to an office's note
// of 500 characters. Telegram allows 4,096.
const MaxTextLength = 500

// Why typed text is refused.
const (
	TypedEncoding = "encoding" // not valid UTF-8
	TypedControl  = "control"  // a control character other than line break and tab
	TypedTooLong  = "too_long" // more than MaxTextLength characters
)

// CheckTyped checks text a person typed before anything reads it, for newcomers and staff
// alike. It returns the reason for refusing it (TypedEncoding, TypedControl, TypedTooLong)
// and the answer in the reader's language, or "" when the text may be read.
func CheckTyped(text string) (reason string, answer dialog.Text) {
	reason = typedProblem(text)
	if reason == "" {
		return "", dialog.Text{}
	}
	if reason == TypedTooLong {
		return reason, dialog.T("too_long")
	}
	return reason, dialog.T("unreadable")
}

func typedProblem(text string) string {
	if !utf8.ValidString(text) {
		return TypedEncoding
	}
	text = strings.TrimSpace(text)
	for _, r := range text {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return TypedControl
		}
	}
	if utf8.RuneCountInString(text) > MaxTextLength {
		return TypedTooLong
	}
	return ""
}
