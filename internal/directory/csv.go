package directory

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kassel/wegweiser/internal/csvsafe"
)

// Columns are the directory file's columns, in the order the export writes them.
var Columns = []string{
	"id", "kind", "name", "provider", "street", "postcode", "city", "latitude", "longitude",
	"phone", "email", "website", "languages", "topics", "min_age", "max_age", "opening_hours",
	"note", "accepting_new_clients", "confirmed_at", "closed_until", "waiting_weeks", "notes",
	"closed_from", "serves",
}

// optionalColumns may be missing from a file (files written before they existed): they are
// read as empty.
var optionalColumns = []string{"closed_until", "waiting_weeks", "notes", "closed_from", "serves"}

// Problem is one thing wrong with a directory file, located by line and column.
type Problem struct {
	Line    int    // 1-based line of the file
	Column  string // column name; empty for problems with the whole row or file
	Message string
	Code    string // validation code (see Explanations), or one of the file's own (FileCodes)
	Value   string // the value refused, or the part of it, when the code names one
	// Args are the values a translated text of Code names (e.g. Got and Want for "fields").
	Args map[string]string
}

// FileCodes are the codes of problems with the file itself rather than an office's value;
// Message gives their English text.
var FileCodes = []string{"empty", "no_rows", "fields", "too_many_rows", "too_many_problems", "malformed", "unreadable", "column_unknown", "column_dup", "column_missing", "duplicate"}

func (p Problem) String() string {
	if p.Column == "" {
		return fmt.Sprintf("line %d: %s", p.Line, p.Message)
	}
	return fmt.Sprintf("line %d, column %s: %s", p.Line, p.Column, p.Message)
}

// Problems is the list of everything wrong with a file.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

const (
	maxFileRows = 100000
	// MaxProblems is how many problems a file's check lists before it stops: a wrong file
	// (another table, every row one field) would otherwise list one for each of its rows,
	// millions of them, in the console's answer and the process's memory.
	MaxProblems = 200
	bom         = "\uFEFF"
)

// ReadCSV parses and validates a whole directory file in UTF-8. It returns every problem it
// finds, as Problems, and no offices when there is any problem.
func ReadCSV(r io.Reader) ([]Office, error) { return ReadCSVEncoded(r, UTF8) }

// ReadCSVEncoded is ReadCSV for a file in the encoding enc. A UTF-8 file may start with a
// byte order mark. Text that is not in enc is a problem of its line and column. Every cell
// is read without the apostrophe WriteCSV puts in front of a formula-like cell.
func ReadCSVEncoded(r io.Reader, enc Encoding) ([]Office, error) { return ReadCSVNear(r, enc, nil) }

// ReadCSVNear is ReadCSVEncoded that also checks every office's position against its
// postcode's centre (Centre.Check): a problem of its latitude when it lies far off.
func ReadCSVNear(r io.Reader, enc Encoding, near Centre) ([]Office, error) {
	in, err := decoded(r, enc)
	if err != nil {
		return nil, Problems{{Line: 1, Code: "encoding", Message: err.Error()}}
	}
	br := bufio.NewReader(in)
	cr := csv.NewReader(br)
	cr.Comma = separator(br)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, Problems{{Line: 1, Code: "empty", Message: "the file is empty: a header row is required"}}
	}
	if err != nil {
		return nil, Problems{csvProblem(err)}
	}
	if p, bad := encodingProblem(header, enc, func(int) (string, int) { return "", 1 }); bad {
		return nil, Problems{p}
	}
	index, probs := readHeader(header)
	if len(probs) > 0 {
		return nil, probs
	}
	offices, err := readRows(cr, header, index, enc, near)
	if err == nil && len(offices) == 0 {
		// Importing nothing is never what is meant, and with --replace it would archive the
		// whole directory.
		return nil, Problems{{Line: 2, Code: "no_rows", Message: "the file holds no offices: one row per office is needed after the header"}}
	}
	return offices, err
}

// separator is the file's field separator: a comma, as the export writes, or a semicolon,
// as spreadsheets in German (and other) locales save "CSV" files, when the header row holds
// more semicolons than commas. The header is peeked at, not read.
func separator(br *bufio.Reader) rune {
	head, _ := br.Peek(4096)
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	if bytes.Count(head, []byte{';'}) > bytes.Count(head, []byte{','}) {
		return ';'
	}
	return ','
}

// readRows reads and validates the rows after the header.
func readRows(cr *csv.Reader, header []string, index map[string]int, enc Encoding, near Centre) ([]Office, error) {
	var probs Problems
	var offices []Office
	var encodingSaid bool
	firstLine := map[string]int{}
	names := make([]string, len(header))
	for name, i := range index {
		names[i] = name
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if len(probs) >= MaxProblems {
			line, _ := cr.FieldPos(0)
			probs = append(probs, stopped(line))
			break
		}
		if err != nil {
			probs = append(probs, csvProblem(err))
			if !errors.Is(err, csv.ErrFieldCount) {
				break // the quoting is broken: the rest of the file cannot be read reliably
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			probs = append(probs, Problem{Line: line, Code: "fields", Message: fmt.Sprintf("has %d fields, the header has %d", len(rec), len(header)),
				Args: map[string]string{"Got": strconv.Itoa(len(rec)), "Want": strconv.Itoa(len(header))}})
			continue
		}
		if len(offices) >= maxFileRows {
			probs = append(probs, Problem{Line: line, Code: "too_many_rows", Message: fmt.Sprintf("too many rows (at most %d)", maxFileRows),
				Args: map[string]string{"Max": strconv.Itoa(maxFileRows)}})
			break
		}
		field := func(col string) string {
			if i, ok := index[col]; ok {
				return csvsafe.Unescape(rec[i])
			}
			return "" // an optional column the file lacks
		}
		fieldLine := func(col string) int { l, _ := cr.FieldPos(index[col]); return l }
		if p, bad := encodingProblem(rec, enc, func(i int) (string, int) { l, _ := cr.FieldPos(i); return names[i], l }); bad {
			// The encoding is the file's: said once, at its first line, not for every row.
			if !encodingSaid {
				probs = append(probs, p)
				encodingSaid = true
			}
			continue
		}
		o, rowProbs := ParseRecordNear(field, near)
		if err := oppositeNotes(o.NoteKeys); err != nil {
			rowProbs = append(rowProbs, problemOf("notes", err))
		}
		for _, p := range rowProbs {
			p.Line = fieldLine(p.Column)
			if p.Column == "" {
				p.Line = line
			}
			probs = append(probs, p)
		}
		if o.ID != "" {
			if first, dup := firstLine[o.ID]; dup {
				probs = append(probs, Problem{Line: fieldLine("id"), Column: "id", Code: "duplicate",
					Message: fmt.Sprintf("duplicate id %q (first on line %d)", o.ID, first),
					Args:    map[string]string{"ID": o.ID, "First": strconv.Itoa(first)}})
			} else {
				firstLine[o.ID] = fieldLine("id")
			}
		}
		offices = append(offices, o)
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return offices, nil
}

func csvProblem(err error) Problem {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return Problem{Line: pe.Line, Code: "malformed", Message: "the CSV is malformed: " + pe.Err.Error()}
	}
	return Problem{Line: 1, Code: "unreadable", Message: "the file cannot be read: " + err.Error()}
}

// stopped is the problem that ends a check at line after MaxProblems problems.
func stopped(line int) Problem {
	return Problem{Line: line, Code: "too_many_problems",
		Message: fmt.Sprintf("the check stopped here after %d problems: correct them and check the file again", MaxProblems),
		Args:    map[string]string{"Max": strconv.Itoa(MaxProblems)}}
}

// readHeader reads the header's columns. Like the rows' check, it stops after MaxProblems
// problems: a crafted header of a million unknown columns would otherwise list them all. An
// unknown column is named by a short prefix (see quoted).
func readHeader(header []string) (map[string]int, Problems) {
	var probs Problems
	index := map[string]int{}
	for i, name := range header {
		if len(probs) >= MaxProblems {
			return index, append(probs, stopped(1))
		}
		name = strings.TrimSpace(name)
		if !slices.Contains(Columns, name) {
			probs = append(probs, Problem{Line: 1, Column: quoted(name), Code: "column_unknown", Message: "unknown column"})
			continue
		}
		if _, seen := index[name]; seen {
			probs = append(probs, Problem{Line: 1, Column: name, Code: "column_dup", Message: "column appears twice"})
			continue
		}
		index[name] = i
	}
	for _, c := range Columns {
		if _, ok := index[c]; !ok && !slices.Contains(optionalColumns, c) {
			probs = append(probs, Problem{Line: 1, Column: c, Code: "column_missing", Message: "column is missing"})
		}
	}
	return index, probs
}

// ParseRecordNear is ParseRecord that, when all else is right, also checks the office's
// position against its postcode's centre (Centre.Check): a problem of its latitude.
func ParseRecordNear(field func(column string) string, near Centre) (Office, Problems) {
	o, probs := ParseRecord(field)
	if len(probs) == 0 {
		if err := near.Check(&o); err != nil {
			probs = append(probs, problemOf("latitude", err))
		}
	}
	return o, probs
}

// problemOf is err as a problem of column col, with its code when it is an Invalid.
func problemOf(col string, err error) Problem {
	var inv *Invalid
	if errors.As(err, &inv) {
		return Problem{Column: col, Message: inv.Error(), Code: inv.Code, Value: inv.Value, Args: argsOf(inv.Code)}
	}
	return Problem{Column: col, Message: err.Error()}
}

// argsOf gives the values a translated text of a validation code lists: the keys a column
// may hold.
func argsOf(code string) map[string]string {
	var keys []string
	switch code {
	case "kind":
		keys = stringsOf(Kinds)
	case "topic":
		keys = stringsOf(Topics)
	case "note_key":
		keys = NoteKeys
	default:
		return nil
	}
	return map[string]string{"Values": strings.Join(keys, " ")}
}

// ParseRecord validates one office given field by field (field returns the value of a column
// of Columns): the one validation of the directory, for the file's rows and the web console's
// office form alike. Problems carry the column but no line.
func ParseRecord(field func(column string) string) (Office, Problems) {
	var o Office
	var probs Problems
	check := func(col string, err error) {
		if err != nil {
			probs = append(probs, problemOf(col, err))
		}
	}
	var err error
	o.ID, err = ParseID(field("id"))
	check("id", err)
	o.Kind, err = ParseKind(field("kind"))
	check("kind", err)
	o.Name, err = ParseText(field("name"), 200, true, false)
	check("name", err)
	o.Provider, err = ParseText(field("provider"), 200, false, false)
	check("provider", err)
	o.Street, err = ParseText(field("street"), 200, false, false)
	check("street", err)
	o.Postcode, err = ParsePostcode(field("postcode"))
	check("postcode", err)
	o.City, err = ParseText(field("city"), 100, false, false)
	check("city", err)
	o.Latitude, err = ParseCoordinate(field("latitude"), 90)
	check("latitude", err)
	o.Longitude, err = ParseCoordinate(field("longitude"), 180)
	check("longitude", err)
	if (field("latitude") == "") != (field("longitude") == "") {
		check("latitude", invalid("position", ""))
	}
	o.Phone, err = ParsePhone(field("phone"))
	check("phone", err)
	o.Email, err = ParseEmail(field("email"))
	check("email", err)
	o.Website, err = ParseWebsite(field("website"))
	check("website", err)
	o.Languages, err = ParseLanguages(field("languages"))
	check("languages", err)
	o.Topics, err = ParseTopics(field("topics"))
	check("topics", err)
	o.MinAge, err = ParseAge(field("min_age"))
	check("min_age", err)
	o.MaxAge, err = ParseAge(field("max_age"))
	check("max_age", err)
	if o.MinAge != nil && o.MaxAge != nil && *o.MinAge > *o.MaxAge {
		check("max_age", invalid("age_order", ""))
	}
	o.OpeningHours, err = ReadHours(field("opening_hours"))
	check("opening_hours", err)
	o.Note, err = ParseText(field("note"), 500, false, true)
	check("note", err)
	o.AcceptingNewClients, err = ParseBool(field("accepting_new_clients"))
	check("accepting_new_clients", err)
	now := time.Now()
	o.ConfirmedAt, err = ParseConfirmed(field("confirmed_at"), now)
	check("confirmed_at", err)
	o.ClosedUntil, err = ParseClosedUntil(field("closed_until"), now)
	check("closed_until", err)
	o.ClosedFrom, err = ParseDate(field("closed_from"))
	check("closed_from", err)
	if o.ClosedFrom != nil && (o.ClosedUntil == nil || o.ClosedFrom.After(*o.ClosedUntil)) {
		check("closed_from", invalid("closure_order", ""))
	}
	o.Waiting, err = ParseWaitingWeeks(field("waiting_weeks"))
	check("waiting_weeks", err)
	if o.Waiting != nil && o.AcceptingNewClients != nil && !*o.AcceptingNewClients {
		check("waiting_weeks", invalid("waiting", ""))
	}
	o.NoteKeys, err = ParseNoteKeys(field("notes"))
	check("notes", err)
	o.Serves, err = ParseServes(field("serves"))
	check("serves", err)
	return o, probs
}
