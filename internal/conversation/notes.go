package conversation

import (
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// NoteLines are an office's notes as a newcomer reads them: the notes picked from the library
// in the reader's language, one a line, then the office's own note, marked as written in
// German (it is not translated). The note of an entry the office has not confirmed is the
// city's team's, from public sources (the shipped directory's: "number from an older
// source"), and says so: it is not the office's word.
func NoteLines(o *directory.Office) []dialog.Text {
	var lines []dialog.Text
	for _, k := range o.NoteKeys {
		lines = append(lines, dialog.Join(" ", dialog.Raw("ℹ️"), NoteLabel(k)))
	}
	switch {
	case o.Note == "":
	case o.ConfirmedAt == nil:
		lines = append(lines, dialog.T("office.note_sources", "Note", dialog.Raw(o.Note)))
	default:
		lines = append(lines, dialog.T("office.note_german", "Note", dialog.Raw(o.Note)))
	}
	return lines
}

// NoteLabel is a note of the library (directory.NoteKeys) in the reader's language.
func NoteLabel(key string) dialog.Text { return dialog.T("note." + key) }

// NoteMessageIDs lists the catalog ids of the notes library, for the catalog tests.
func NoteMessageIDs() []string {
	ids := make([]string, len(directory.NoteKeys))
	for i, k := range directory.NoteKeys {
		ids[i] = NoteLabel(k).ID
	}
	return ids
}
