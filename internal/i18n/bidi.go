package i18n

import (
	"regexp"
	"strings"
)

// Unicode isolates keep left-to-right matter (a phone number, an address, a time, a command)
// in its own order inside right-to-left text, without disturbing the text around it. LRI is
// used where the matter is known to be left to right, FSI where it takes the direction of
// its first strong letter (a name that may be Latin or Arabic), PDI closes either.
const (
	lri = "\u2066"
	fsi = "\u2068"
	pdi = "\u2069"
)

// ltrRun finds left-to-right matter written into a catalog message: web addresses, commands
// (/delete), numbers whose groups are split by spaces (116 016, 0561 123456), times
// (09:00–12:00), and Latin words with what joins them (Jugendmigrationsdienst, mbeon.de).
// Bidi would otherwise reorder them: "116 016" would read "016 116" and "/delete" "delete/".
// A run never ends in punctuation and never takes in brackets, so that sentence marks and
// bracket pairs stay in the right-to-left text around it.
var ltrRun = regexp.MustCompile(`https?://[^\s\x{2066}-\x{2069}]*[^\s\x{2066}-\x{2069}.,;:!?)]|` +
	ltrWord + `(?:[ \x{00A0}]+` + ltrWord + `)*`)

const ltrWord = `[\p{Latin}0-9+/@](?:[\p{Latin}0-9@.:/_+\x{2013}-]*[\p{Latin}0-9/])?`

// isolateLTR wraps every left-to-right run of s in LRI ... PDI, leaving what is isolated
// already (the data put into a message) as it is. It is applied to every message rendered in
// a right-to-left language, so that no catalog message needs bidi controls of its own.
func isolateLTR(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < 0x80 && r != ' ' && r != '\n' }) {
		return s
	}
	var b strings.Builder
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '\u2066', '\u2067', '\u2068':
			if depth == 0 {
				b.WriteString(ltrRun.ReplaceAllString(s[start:i], lri+"$0"+pdi))
				start = i
			}
			depth++
		case '\u2069':
			if depth > 0 {
				depth--
				if depth == 0 {
					end := i + len(pdi)
					b.WriteString(s[start:end])
					start = end
				}
			}
		}
	}
	if depth == 0 {
		b.WriteString(ltrRun.ReplaceAllString(s[start:], lri+"$0"+pdi))
	} else {
		b.WriteString(s[start:])
	}
	return b.String()
}
