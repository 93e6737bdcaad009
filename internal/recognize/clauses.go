package recognize

import "strings"

// WordClauses says in which clause each word of Normalize(text) stands, as piecesOf parts
// them (clauseEnds in every shipped script, line breaks), and at a dash between spaces:
// "weiß die PLZ nicht, wohne in Baunatal": the first four words are clause 0, the last three
// clause 1. It returns nil when text is one clause, or when its words cannot be told apart so
// (Normalize joined two across a break): the caller then reads text as one clause.
func WordClauses(text string) []int {
	p := piecesOf(spacedDashes.Replace(text))
	if len(p.clause) != len(Normalize(text)) {
		return nil
	}
	return p.clause
}

// spacedDashes makes a dash between spaces a clause's end ("weiß nicht - Baunatal"); one
// within a word or a number ("Nieder-Kaufungen", "34-127") joins.
var spacedDashes = strings.NewReplacer(" - ", " ; ", " – ", " ; ", " — ", " ; ")
