package directory

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// Encoding is the character encoding of a directory file.
type Encoding string

// The encodings a directory file may have. UTF-8 is the file's format; Windows-1252 (which
// covers Latin-1) is read only when asked for, for files saved by older spreadsheet programs.
const (
	UTF8        Encoding = "utf-8"
	Windows1252 Encoding = "windows-1252"
)

// ParseEncoding reads an encoding's name: utf-8, or windows-1252 (also cp1252, latin1,
// iso-8859-1, which are read as Windows-1252, as web browsers do).
func ParseEncoding(s string) (Encoding, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "utf-8", "utf8":
		return UTF8, nil
	case "windows-1252", "cp1252", "latin1", "latin-1", "iso-8859-1":
		return Windows1252, nil
	}
	return "", fmt.Errorf("directory: unknown encoding %q (utf-8 or windows-1252)", s)
}

// DetectEncoding is the encoding of a whole file: UTF-8 when its bytes are UTF-8 (ASCII
// included), else Windows-1252, which German spreadsheet programs save as "CSV". The console
// reads an upload so and says which it assumed; the command line is told (--encoding).
func DetectEncoding(data []byte) Encoding {
	if utf8.Valid(data) {
		return UTF8
	}
	return Windows1252
}

// errUTF8AsWindows1252 refuses a file that is UTF-8 when Windows-1252 was asked for: read as
// Windows-1252 its umlauts would be garbled ("Ã¤" for "ä").
var errUTF8AsWindows1252 = errors.New("the file is UTF-8 (its accented letters are UTF-8): read it without --encoding windows-1252")

// decoded returns r as UTF-8 text without a leading byte order mark.
func decoded(r io.Reader, enc Encoding) (io.Reader, error) {
	br := bufio.NewReader(r)
	switch enc {
	case UTF8:
		if head, _ := br.Peek(len(bom)); string(head) == bom {
			_, _ = br.Discard(len(bom))
		}
		return br, nil
	case Windows1252:
		data, err := io.ReadAll(br)
		if err != nil {
			return nil, err
		}
		if utf8.Valid(data) && !isASCII(data) {
			return nil, errUTF8AsWindows1252
		}
		return transform.NewReader(bytes.NewReader(data), charmap.Windows1252.NewDecoder()), nil
	}
	return nil, fmt.Errorf("unknown encoding %q", enc)
}

func isASCII(data []byte) bool {
	for _, b := range data {
		if b >= 0x80 {
			return false
		}
	}
	return true
}

// encodingProblem finds the first field of a record that is not text in enc: invalid UTF-8,
// or, read as Windows-1252, a byte that Windows-1252 leaves undefined (decoded as U+FFFD).
// where names a field's column and the line it starts on.
func encodingProblem(rec []string, enc Encoding, where func(i int) (column string, line int)) (Problem, bool) {
	for i, f := range rec {
		at, what := badByte(f, enc)
		if at < 0 {
			continue
		}
		column, line := where(i)
		return Problem{
			Line:   line + strings.Count(f[:at], "\n"),
			Column: column,
			Code:   "encoding",
			Message: what + ": save the file as UTF-8 (\"CSV UTF-8\" in a spreadsheet program), " +
				"or read it with --encoding windows-1252 if it was saved as Windows-1252 (Latin-1)",
		}, true
	}
	return Problem{}, false
}

// badByte returns where f stops being text in enc, and says what is there; -1 when all is
// well.
func badByte(f string, enc Encoding) (int, string) {
	for i, r := range f {
		if r != utf8.RuneError {
			continue
		}
		if enc == Windows1252 {
			return i, "a byte that Windows-1252 does not define (0x81, 0x8D, 0x8F, 0x90 or 0x9D)"
		}
		if _, size := utf8.DecodeRuneInString(f[i:]); size == 1 {
			return i, fmt.Sprintf("byte 0x%02X is not UTF-8", f[i])
		}
	}
	return -1, ""
}
