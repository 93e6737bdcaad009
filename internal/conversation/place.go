package conversation

import (
	"context"
	"slices"
	"strings"
	"unicode"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/postcode"
	"github.com/kassel/wegweiser/internal/recognize"
)

// Places knows the German postcodes and the area the directory serves; package postcode
// implements it.
type Places interface {
	// Postcode returns the centre of a known 5-digit postcode and the place it belongs to.
	Postcode(code string) (lat, lon float64, place string, ok bool)
	// InArea reports whether a known postcode lies in the area the directory serves.
	InArea(code string) bool
	// InAreaAt reports whether a shared position lies in the area the directory serves.
	InAreaAt(lat, lon float64) bool
	// PlaceAt is the municipality of a shared position ("" when none is near).
	PlaceAt(lat, lon float64) string
	// Attribution is the credit the postcode data's licence asks for, shown by /about.
	Attribution() string
	// IsTown reports whether a postcode's place is the town the directory serves, which
	// each language names in its own way ({{.Town}}); other places keep their own names.
	IsTown(place string) bool
	// IsArrival reports whether a place is one of the area's places of first reception
	// (area.Area.Arrival: Gießen for Hessen), which newcomers name before they are assigned
	// to a town.
	IsArrival(place string) bool
	// Named finds the place a short text names instead of a postcode ("Baunatal", "I live
	// in Kassel", "كاسل").
	Named(text string) (postcode.Named, bool)
	// NamedIn is Named reading the words around the names as the person's language says:
	// passing over the names refused ("not in Kassel, in Baunatal" names Baunatal), and
	// reading a place after "in" anywhere ("I live in Fritzlar with my family").
	NamedIn(text string, r postcode.Reading) (postcode.Named, bool)
	// Example is a postcode of the served town and the town's name as an address writes
	// them, to show what a postcode is.
	Example() (code, place string, ok bool)
}

// NationwideSearch is the BAMF's search for migration counselling offices all over Germany
// (BAMF-NAvI), named to people whose postcode lies outside the served area.
const NationwideSearch = "https://bamf-navi.bamf.de"

// placeQuestion asks where the person is: a typed postcode, a shared location or "skip", the
// last two on one keyboard (Telegram sends a reply-keyboard tap as its label's text).
func placeQuestion() dialog.Message {
	share := dialog.T("place.share")
	return dialog.Message{Lines: []dialog.Text{dialog.T("place.question")}, AskLocation: &share,
		Reply: []dialog.Text{dialog.T("place.skip")}}
}

// answerPlace reads typed text at the place question: coordinates (the console's way to
// share a position), the skip button's label (or "no", "I don't know" also with a word or two
// more: "I don't know my postcode"), a postcode, the name of a place, or a further need (the
// place is asked again). A known postcode ranks the offices by distance from its centre, a place
// in the served area by distance from its centre; one outside the area is said so honestly,
// with the area's offices anyway and the nationwide search.
func (e *Engine) answerPlace(ctx context.Context, s *State, text string, out *dialog.Output) error {
	if lat, lon, ok := parseCoordinates(text); ok {
		return e.location(ctx, s, dialog.Input{Lat: lat, Lon: lon}, out)
	}
	// A place named beside "I don't know my postcode" ("Kassel'de oturuyorum ama posta kodunu
	// bilmiyorum", "I don't know my postcode, I live in Vellmar") is where the person is.
	tapped := e.Langs.Says("place.skip", text)
	if !tapped && e.Places != nil && !hasDigits(text) {
		// Outside the area too ("PLZ weiß ich nicht, wohne in Göttingen", J7: it was dropped,
		// and the nationwide search with it).
		if named, ok := e.placeNamedIn(s.Lang, text); ok {
			return e.placeNamed(ctx, s, text, named, out)
		}
	}
	// "What is a postcode?", "where do I find the PLZ": what it is and where it stands, and
	// the question again with its "Skip" (J7: it skipped the place, for a person who would
	// give one once they knew what it is).
	// So is "code postal ? je comprends pas" (J8: skipped, its "pas" read as "no postcode"):
	// the word named beside not understanding.
	if !tapped && !hasDigits(text) && len(recognize.Normalize(text)) <= maxWhatPostcode && (e.Langs.Holds(s.Lang, "answer.what_postcode", text) ||
		e.Langs.Holds(s.Lang, "answer.postcode_word", text) && e.Langs.SaysWithin(s.Lang, "answer.confused", text)) {
		if told, err := e.explainPostcode(ctx, s, out); told {
			return err
		}
	}
	// The skip button's label, a plain "no", "I don't know" or "I'd rather not say": no
	// postcode, no location.
	if tapped || e.saysNo(s.Lang, text) || e.Langs.SaysOneOf(s.Lang, "answer.later", text) ||
		(e.Langs.SaysWithin(s.Lang, "answer.dont_know", text) || e.Langs.SaysWithin(s.Lang, "answer.decline", text) || e.noPostcode(s.Lang, text)) && !hasDigits(text) {
		how := "text"
		if tapped {
			how = "button"
		}
		s.PlaceDone = true
		out.Record(dialog.EventAnswered, "step", string(StepPlace), "how", how)
		out.Say(dialog.T("place.skipped")).HideKeyboard = true
		return e.ask(ctx, s, out)
	}
	// A postcode named among a few words that say neither no nor "I don't know" ("PLZ?",
	// "where i find my postcode") asks about it too.
	if _, asks := e.asksAbout(s.Lang, "answer.postcode_word", text, recognize.Normalize(text), maxPostcodeAbout); asks && !tapped && !hasDigits(text) {
		if told, err := e.explainPostcode(ctx, s, out); told {
			return err
		}
	}
	code, ok := ParsePostcode(text)
	if !ok && !hasDigits(text) {
		code, ok = e.Langs.SpokenDigits(s.Lang, text, 5) // a postcode said: "drei vier eins zwei eins"
	}
	if !ok && e.Places != nil {
		// "I don't live in Kassel" names no place; "not in Kassel, in Baunatal" Baunatal.
		if named, ok := e.placeNamedIn(s.Lang, text); ok {
			return e.placeNamed(ctx, s, text, named, out)
		}
	}
	if !ok || e.Places == nil {
		// A further need instead of the place ("I also need a job"): taken, and the place
		// asked again. Not from a word or two: there they are more often a way to skip that
		// reads like a need (Dari's "رد کردن", skip, holds "رد", an asylum claim rejected).
		if len(recognize.Normalize(text)) >= minFurtherNeedWords {
			if added, err := e.furtherNeeds(ctx, s, text, out); added {
				return err
			}
		}
		out.Say(dialog.T("place.invalid"))
		return e.ask(ctx, s, out)
	}
	lat, lon, place, known := e.Places.Postcode(code)
	if !known {
		out.Say(dialog.T("place.postcode_unknown", "Postcode", dialog.LTR(code)))
		return e.ask(ctx, s, out)
	}
	e.takePostcode(s, code, lat, lon, place, out)
	return e.ask(ctx, s, out)
}

// minFurtherNeedWords is the fewest words of a further need typed at the place question.
const minFurtherNeedWords = 3

// takePostcode takes a known postcode as where the person is, and says so.
func (e *Engine) takePostcode(s *State, code string, lat, lon float64, place string, out *dialog.Output) {
	s.Lat, s.Lon = round3(lat), round3(lon)
	s.PlaceDone, s.Postcode, s.Outside, s.Centre, s.Place = true, true, !e.Places.InArea(code), "", place
	id, where := "place.postcode", "in"
	if s.Outside {
		id, where = "place.outside", "out"
	}
	out.Record(dialog.EventAnswered, "step", string(StepPlace), "how", "postcode", "area", where)
	name := dialog.Raw(place)
	if e.Places.IsTown(place) {
		name = dialog.T("place.town") // "كاسل", not "Kassel", in an Arabic sentence
	}
	out.Say(dialog.T(id, "Postcode", dialog.LTR(code), "Place", name)).HideKeyboard = true
}

// minPlaceInSentence is the fewest words of a message that answers an earlier question and
// says where the person lives too ("ich bin 30, wohne in Baunatal und suche Arbeit"): a
// shorter one is an answer to the question asked, read as such.
const minPlaceInSentence = 4

// placeBeforeAsked takes a place from a message typed before the place question, when it
// says where the person lives among other things (a postcode of the area, or one of its
// places by name, not refused, or a place elsewhere that the words before it say the writer
// lives in): the place question is then not asked. It says whether it took one.
func (e *Engine) placeBeforeAsked(s *State, text string, out *dialog.Output) bool {
	// A shorter message is an answer to the question asked, unless it says where its writer
	// lives and nothing else ("Baunatal'da oturuyorum", "живу в Баунаталі").
	if e.Places == nil || s.PlaceDone || len(recognize.Normalize(text)) < minPlaceInSentence && !e.Langs.DescribesSelf(s.Lang, text) {
		return false
	}
	if code, ok := ParsePostcode(text); ok {
		lat, lon, place, known := e.Places.Postcode(code)
		if !known || !e.Places.InArea(code) {
			return false
		}
		e.takePostcode(s, code, lat, lon, place, out)
		return true
	}
	// The whole message, or, in a long one, its clauses in turn ("hello, I am 31, living in
	// Kassel with my kids, looking for a job"): places are read in a few words only.
	type reading struct {
		piece string
		named postcode.Named
	}
	var outside []reading // the pieces that name a place outside the area, for below
	for _, piece := range append([]string{text}, recognize.Clauses(text)...) {
		named, ok := e.placeReadIn(s.Lang, piece, true)
		switch {
		case ok && named.InArea:
			e.takeNamed(s, piece, named, out)
			return true
		case ok:
			outside = append(outside, reading{piece, named})
		}
	}
	// Failing that, a place outside the area where the words right before it say the writer
	// lives there ("I live in Göttingen", "ساكن بفرانكفورت": livesThere), not where it is only
	// named ("the office in Frankfurt wrote to me") or is somebody else's ("my brother lives
	// in Berlin"): J12, told the town in the first message, was asked again ("I told you,
	// Frankfurt").
	for _, r := range outside {
		// A place of the area named after it is where the writer is ("my brother lives in
		// Berlin and I live in Kassel", "اخي ساكن ببرلين وانا ساكن بكاسل").
		rest := strings.Join(recognize.Normalize(r.piece)[r.named.Last+1:], " ")
		if later, ok := e.placeReadIn(s.Lang, rest, true); ok && later.InArea {
			e.takeNamed(s, rest, later, out)
			return true
		}
		if e.livesThere(s.Lang, r.piece, r.named) {
			e.takeNamed(s, r.piece, r.named, out)
			return true
		}
	}
	return false
}

// livesThere says whether the words right before a place named in text say that the writer
// lives there now: a phrase of answer.live (not in the past, not negated: livesAt) ending at
// most two words before the name ("I live in", "ساكن ب"), with nobody named before it ("my
// brother lives in Berlin", "اخي ساكن ببرلين").
func (e *Engine) livesThere(lang, text string, p postcode.Named) bool {
	words := recognize.Normalize(text)
	first, _, _ := strings.Cut(strings.TrimSpace(text), " ")
	from, to, ok := e.livesAt(lang, words[:min(len(words), p.First)], first)
	return ok && p.First-to <= 2 && !e.Langs.NamesPeople(lang, strings.Join(words[:from], " "))
}

// nearTown says whether a word up to three before or after the town's name in text puts the
// person near it, not in it (answer.near).
func (e *Engine) nearTown(lang, text string, p postcode.Named) bool {
	return e.nearWords(lang, recognize.Normalize(text), p.First, p.Last)
}

// nearWords says whether a word of answer.near stands within three words of words[first:last+1].
func (e *Engine) nearWords(lang string, words []string, first, last int) bool {
	for i := max(0, first-3); i <= min(len(words)-1, last+3); i++ {
		if (i < first || i > last) && e.Langs.SaysOneOf(lang, "answer.near", words[i]) {
			return true
		}
	}
	return false
}

// placeTaken are the lines that say a place was taken (takeNamed, takePostcode).
var placeTaken = map[string]bool{"place.named": true, "place.named_outside": true, "place.postcode": true, "place.outside": true}

// tookPlace says whether the answer so far took where the person lives from the message
// (placeBeforeAsked): one that said only that is not also thanked for telling about its
// writer.
func tookPlace(out *dialog.Output) bool {
	for _, m := range out.Messages {
		if slices.ContainsFunc(m.Lines, func(l dialog.Text) bool { return placeTaken[l.ID] }) {
			return true
		}
	}
	return false
}

// placeNamed takes a place typed by its name: one in the served area ranks the offices by
// distance from its centre; one outside it is said so, as a postcode outside it is.
func (e *Engine) placeNamed(ctx context.Context, s *State, text string, p postcode.Named, out *dialog.Output) error {
	e.takeNamed(s, text, p, out)
	return e.ask(ctx, s, out)
}

// takeNamed takes a place named in text as where the person is, and says so. The served town
// named with a word that puts the person near it ("near Kassel", "під Касселем", "Kassel'e
// yakın bir köyde": answer.near) gives the distances from its centre, but not the place whose
// offices are responsible: the person may live in the district around it, whose Jobcenter and
// Jugendamt are others (both are shown).
func (e *Engine) takeNamed(s *State, text string, p postcode.Named, out *dialog.Output) {
	name := dialog.Raw(p.Name)
	if p.Town {
		name = dialog.T("place.town")
	}
	s.PlaceDone, s.Postcode, s.Outside, s.Centre, s.Place = true, p.InArea, !p.InArea, "", p.Name
	if p.Town && e.nearTown(s.Lang, text, p) {
		s.Place = ""
	}
	id, where := "place.named", "in"
	if p.InArea {
		s.Lat, s.Lon, s.Centre = round3(p.Lat), round3(p.Lon), p.Name
	} else {
		id, where = "place.named_outside", "out"
	}
	out.Record(dialog.EventAnswered, "step", string(StepPlace), "how", "place", "area", where)
	msg := out.Say(dialog.T(id, "Place", name))
	msg.HideKeyboard = true
	if !p.InArea && e.Places.IsArrival(p.Name) {
		// A first reception centre (Gießen for Hessen): help is there now, and the town
		// the person is assigned to later has its own offices (J12: "ez li kampa Giessen im"
		// got the out-of-area text only).
		msg.Lines = append(msg.Lines, dialog.T("place.arrival", "Place", name))
	}
}

// placeNamedIn is the place text names but for those it says are not meant ("I don't live in
// Kassel"; "Kassel'de değilim, Baunatal'dayım" is Baunatal).
func (e *Engine) placeNamedIn(lang, text string) (postcode.Named, bool) {
	return e.placeReadIn(lang, text, false)
}

// placeReadIn is placeNamedIn, reading names only as written when written is set (see
// postcode.Reading.Written).
func (e *Engine) placeReadIn(lang, text string, written bool) (postcode.Named, bool) {
	return e.placeRead(lang, text, written, false)
}

// placeRead is placeReadIn that, when left is set, also passes over the place one came from
// (leftFrom: "we moved from Vellmar", "Vellmar'dan taşındık", "ካብ ቨልማር").
func (e *Engine) placeRead(lang, text string, written, left bool) (postcode.Named, bool) {
	words := recognize.Normalize(text)
	return e.Places.NamedIn(text, postcode.Reading{
		Written: written,
		Near:    func(first, last int) bool { return e.nearWords(lang, words, first, last) },
		Refused: func(first, last, from int) bool {
			return e.Langs.RefusedSince(lang, text, from, first, last) || left && e.leftFrom(lang, words, first, last)
		},
		At: func(word string) bool { return e.Langs.SaysOneOf(lang, "answer.at", word) },
	})
}

// namesPlace says whether text names a place of the postcode table or the served town.
func (e *Engine) namesPlace(text string) bool {
	if e.Places == nil {
		return false
	}
	_, ok := e.Places.Named(text)
	return ok
}

// centre is the name of the place the distances are from when the person named it (see
// State.Centre), as the readers of their language write it; nil when they are from the person.
func (e *Engine) centre(s *State) *dialog.Text {
	if s.Centre == "" {
		return nil
	}
	name := dialog.Raw(s.Centre)
	if e.Places != nil && e.Places.IsTown(s.Centre) {
		name = dialog.T("place.town") // "كاسل", not "Kassel", in an Arabic sentence
	}
	return &name
}

// about says who runs the service and where its data comes from, with the credits the
// postcode data and the other names of places need.
func (e *Engine) about() dialog.Message {
	m := dialog.Message{Lines: []dialog.Text{dialog.T("about", "Operator", dialog.Raw(e.Operator))}}
	if e.Places != nil {
		m.Lines = append(m.Lines, dialog.Raw(""), dialog.T("about_postcodes", "Source", dialog.LTR(e.Places.Attribution())),
			dialog.T("about_place_names", "Source", dialog.LTR(postcode.OtherNamesAttribution)))
	}
	return m
}

// outsideLines are said in a result for a postcode outside the served area: where to search
// for an office near it.
func outsideLines(s *State) []dialog.Text {
	if !s.Outside {
		return nil
	}
	return []dialog.Text{dialog.Raw(""), dialog.T("result.outside", "Search", dialog.LTR(NationwideSearch))}
}

// ParsePostcode reads a typed German postcode: five digits, in Western (0-9), Eastern Arabic
// (٠-٩) or Persian (۰-۹) digits, optionally with words, punctuation, emoji and invisible
// direction marks around it ("PLZ 34119", "34119 Kassel", "(34119)", "34119 📍", a postcode
// copied from the bot's own message), or in an address whose other numbers are house numbers
// ("Nordstraße 1, 34127 Kassel"). Four or six digits, two postcodes, a decimal, a date, a
// time and coordinates are refused.
func ParsePostcode(text string) (string, bool) {
	// Five digits typed in two groups ("34 117", "341 17"), and nothing else, are one code.
	if digits := strings.ReplaceAll(strings.TrimSpace(NormalizeDigits(text)), " ", ""); len(digits) == 5 &&
		strings.Count(strings.TrimSpace(text), " ") == 1 && !strings.ContainsFunc(digits, func(r rune) bool { return r < '0' || r > '9' }) {
		return digits, true
	}
	runes := []rune(NormalizeDigits(text))
	isDigit := func(i int) bool { return digitAt(runes, i) }
	var groups []string
	var ends []int // where each group ends
	start, letters := -1, false
	for i, r := range runes {
		switch {
		case isDigit(i):
			if start < 0 {
				start = i
			}
			if !isDigit(i + 1) {
				// Five digits in two groups, 2 and 3 ("PLZ 34 117", "34-127 Kassel", as
				// Polish postcodes are written) or 3 and 2 ("341 28 Kassel", "kod 341 31"),
				// are one code among words too.
				if n := len(groups); n > 0 && len(groups[n-1])+i+1-start == 5 && min(len(groups[n-1]), i+1-start) == 2 && start == ends[n-1]+2 &&
					(runes[start-1] == ' ' || runes[start-1] == '-') {
					groups[n-1] += string(runes[start : i+1])
					ends[n-1] = i
				} else {
					groups = append(groups, string(runes[start:i+1]))
					ends = append(ends, i)
				}
				start = -1
			}
		case (r == '.' || r == ',' || r == '/' || r == ':') && isDigit(i-1) && isDigit(i+1):
			return "", false // a decimal, a list, a date or a time: not a postcode
		case unicode.IsLetter(r):
			letters = true
		case unicode.IsSpace(r) || unicode.IsMark(r) || unicode.IsPunct(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.So, r):
		default:
			return "", false // +, =, currency: a phone number, a sum
		}
	}
	var code string
	for _, g := range groups {
		switch {
		case len(g) == 5 && code == "":
			code = g
		case len(g) > 3 || !letters:
			return "", false // another postcode, a longer number, or digits alone
		}
	}
	return code, code != ""
}

// hasDigits says whether text holds a digit of any script (a postcode beside "I don't know
// if 34117 is right" is an answer).
func hasDigits(text string) bool {
	return strings.ContainsFunc(text, unicode.IsDigit)
}

// saysNo says whether an answer is a plain no, also after a word that says nothing yet
// ("well no", "ну нет", "no nie", "bah non": answer.filler) or with thanks ("no, thanks").
func (e *Engine) saysNo(lang, text string) bool {
	if e.Langs.SaysOneOf(lang, "answer.no", text) {
		return true
	}
	a := e.acknowledged(lang, text)
	return a.first == ackNo && a.rest == ""
}

// explainPostcode says what a postcode is, with the served town's as the example, and asks
// the place question again; false (nothing said) when there is no example to show.
func (e *Engine) explainPostcode(ctx context.Context, s *State, out *dialog.Output) (bool, error) {
	if e.Places == nil {
		return false, nil
	}
	code, place, ok := e.Places.Example()
	if !ok {
		return false, nil
	}
	// One piece, as an address writes it: "34117 Kassel" also in a right-to-left sentence.
	out.Say(dialog.T("place.what_postcode", "Example", dialog.LTR(postcodePlace(code, place))))
	return true, e.ask(ctx, s, out)
}

// maxWhatPostcode is the most words of an answer read for a question what a postcode is
// (answer.what_postcode): "je sais pas c'est quoi un code postal" is nine as French splits it.
const maxWhatPostcode = 12

// maxPostcodeAbout is the most words beside the word for a postcode that ask about it
// without a question mark ("where i find my postcode"); "I forgot my postcode" and the like
// are read as "I don't know" before.
const maxPostcodeAbout = 4

// noPostcode says whether a short answer says the writer has or knows no postcode in other
// words than answer.dont_know's: it names one (answer.postcode_word: "code postal", "کد پستی",
// "PLZ") and says no (answer.negation: "Je connais pas le code postal de chez moi", "پوسټ کوډ
// مې یاد نه دی").
func (e *Engine) noPostcode(lang, text string) bool {
	return len(recognize.Normalize(text)) <= maxNoPostcodeWords && e.Langs.Holds(lang, "answer.postcode_word", text) &&
		e.Langs.Holds(lang, "answer.negation", text)
}

// maxNoPostcodeWords is the most words of an answer noPostcode reads: a sentence about the
// postcode, not a story that names one.
const maxNoPostcodeWords = 10
