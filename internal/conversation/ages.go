package conversation

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// maxAgeChoices is how many numbers of one typed answer are offered as buttons ("I am 35 and
// my son is 3"); more are not an answer.
const maxAgeChoices = 3

// maxAge is the oldest age taken.
const maxAge = 120

// answerAge reads a typed age (the person's, or a young child's parent's): a number in
// digits or in words, alone or in a sentence, or a year or date of birth (see born.go).
// Several numbers, or the ages a year of birth leaves open, are offered as buttons, to tap
// the age among them.
func (e *Engine) answerAge(ctx context.Context, s *State, text string, parent bool, out *dialog.Output) error {
	ages, ok := e.typedAges(s.Lang, text, parent)
	// A date of birth with its month in words ("DOB: 5 jan 1991") holds a day that would
	// read as an age.
	if !ok || dayMonthYear.MatchString(NormalizeDigits(text)) {
		if handled, err := e.answerBirth(ctx, s, text, parent, out); handled {
			return err
		}
	}
	var estimate []int // a range typed (ageRange), read only when no age is
	nearly := false    // the estimate is an age said to be nearly a number
	if !ok {
		estimate = ageRange(text)
	}
	// "almost 18", "fast 18", "قربت على 18": the age is one less, or that number by the time
	// the office is asked; both are offered to tap (whether a young person is 17 or 18
	// decides the Jugendamt's part), whether or not the number alone reads as an age.
	if n, near := e.Langs.AlmostAge(s.Lang, text); estimate == nil && near && n > 1 && n <= maxAge && (!ok || slices.Equal(ages, []int{n})) {
		if nums, others := e.Langs.Numbers(s.Lang, withoutNonAges(text)); len(nums) <= 1 && others <= 1 {
			estimate, nearly, ok = []int{n - 1, n}, true, false
		}
	}
	switch {
	case !ok && e.saysAgeUnknown(s.Lang, text):
		// "I don't know my age": many newcomers do not know it exactly; an estimate or an
		// age group is enough, and it is no failure (not counted towards sayStuck).
		offerAges(s, nil, "")
		out.Say(dialog.T("age.unknown"))
		return e.ask(ctx, s, out)
	case !ok && estimate != nil:
		// "25-27", "точно не знаю, десь 20-30": an estimate; its two ends are offered to tap,
		// and the one tapped says which side of 26 it is.
		offerAges(s, estimate, "")
		s.Nearly = nearly
		return e.ask(ctx, s, out)
	case !ok:
		if named, found := e.placeAlone(s, text); found && !parent {
			// A place's name alone ("Baunatal", "Фульдаталь") is where the person lives:
			// taken, and the age asked again (it was "I did not understand", and lost), with
			// the ages offered before still to tap (J11: "19 or 47?", then "kassel", lost both).
			e.takeNamed(s, text, named, out)
			return e.ask(ctx, s, out)
		}
		offerAges(s, nil, "")
		id := "age.invalid"
		if nums, others := e.Langs.Numbers(s.Lang, text); len(nums)+others == 0 && !strings.ContainsFunc(text, unicode.IsDigit) {
			id = "age.not_understood" // no number at all: not "this age"
			if e.Langs.DescribesSelf(s.Lang, text) {
				id = "topic.self_noted" // "I am from Syria", "I don't speak German": heard
			}
		}
		if id != "topic.self_noted" || !tookPlace(out) { // "I live in Baunatal": its place was taken
			out.Say(dialog.T(id))
		}
		return e.ask(ctx, s, out)
	case len(ages) > 1:
		offerAges(s, ages, "")
		if !parent && s.Topic == "" && e.Langs.NamesNeed(s.Lang, text) {
			// "My daughter is 8 and needs a school, I am 35": the need is kept while the
			// person chooses which number is the age, and not asked for again.
			if topics := e.Langs.RecognizeTopics(s.Lang, text); len(topics) > 0 {
				return e.askAfter(ctx, s, out, takeTypedTopics(s, topics, out))
			}
		}
		return e.ask(ctx, s, out)
	case !parent && ages[0] < directory.JMDMinAge && e.wordsBeside(s.Lang, text) && !slices.Equal(s.AgeChoices, ages) && !e.aged(s.Lang, text, ages[0]):
		// A small number among words may be a count or a place ("I need 2 rooms", "floor 3",
		// "5 euro"), not a child's age: it is offered to tap, with the age groups. Typed again
		// when offered, it is the age.
		offerAges(s, ages, "")
		return e.ask(ctx, s, out)
	}
	e.takeAgeFrom(s, text, ages[0], parent, out)
	if !strings.ContainsFunc(text, unicode.IsLetter) {
		return e.ask(ctx, s, out)
	}
	// Words around the number, or the number in words: say what was understood. A need named
	// beside the age ("I am 35 and look for a flat") answers the topic question too; words
	// around more numbers ("I am 35 and my son is 3", "I am 35 and have 2 children")
	// describe people, unless they name a need of their own ("I am 34 and need a flat for
	// me and my 3 kids", "I am 35, my children are 5, 8 and 12, we need a school and a flat":
	// J6, its needs were dropped). So do the people named beside one age: "for my daughter,
	// she is 16" says whose age it is, not what she needs.
	understood := []dialog.Text{ageUnderstood(ages[0])}
	if s.Topic == "" && e.Langs.NamesNeed(s.Lang, text) {
		if topics := e.Langs.RecognizeTopics(s.Lang, text); len(topics) > 0 {
			understood = append(understood, takeTypedTopics(s, topics, out))
		}
	}
	return e.askAfter(ctx, s, out, understood...)
}

// answerBirth takes the age a year or date of birth typed in text gives (see born.go), or
// offers the ages it leaves open, after what was understood before; handled is false when
// text gives none.
func (e *Engine) answerBirth(ctx context.Context, s *State, text string, parent bool, out *dialog.Output, before ...dialog.Text) (handled bool, err error) {
	born, ages := e.birthAges(s.Lang, text, e.clock().today())
	if parent { // a parent's age is 12 or more, as typed (typedAges)
		ages = slices.DeleteFunc(ages, func(a int) bool { return a < directory.JMDMinAge })
	}
	switch {
	case len(ages) > 1:
		offerAges(s, ages, born)
		return true, e.askAfter(ctx, s, out, before...)
	case len(ages) == 1:
		e.takeAgeFrom(s, text, ages[0], parent, out)
		return true, e.askAfter(ctx, s, out, append(before, ageUnderstood(ages[0]))...)
	}
	return false, nil
}

// wordsBeside says whether text holds words besides its numbers, in digits or in words
// ("seven", "quatre vingt" alone hold none).
func (e *Engine) wordsBeside(lang, text string) bool {
	for _, f := range strings.Fields(text) {
		if strings.ContainsFunc(f, unicode.IsLetter) {
			if nums, _ := e.Langs.Numbers(lang, f); len(nums) == 0 {
				return true
			}
		}
	}
	return false
}

// answerAgeOrNeed reads a message typed at the age question. It may name a need instead of
// the age, or beside it ("I need a flat", "I have 3 children and need a flat"): as in a first
// message (firstAnswer), the need is taken, and a number is read as the age only where that is
// plain: one of 12 or more, or several to choose from. Otherwise the age is asked again after
// what was understood, so the need is not lost and a child's count is not taken for an age.
func (e *Engine) answerAgeOrNeed(ctx context.Context, s *State, text string, out *dialog.Output) error {
	// A further need, typed without an age once one is held ("I also need a German course"),
	// joins it, as at the topic question.
	if s.Topic != "" && e.Langs.NamesNeed(s.Lang, text) {
		if ages, _ := e.typedAges(s.Lang, text, false); len(ages) == 0 {
			if topics := joinTopics(s.Topics, e.Langs.RecognizeTopics(s.Lang, text)); len(topics) > len(s.Topics) {
				return e.askAfter(ctx, s, out, takeTypedTopics(s, topics, out))
			}
		}
	}
	if s.Topic == "" {
		if topics := e.Langs.RecognizeTopics(s.Lang, text); len(topics) > 0 {
			// Beside a number, the people named ("my son is 7") say whose age it is: only a need
			// in a phrase of its own is taken then.
			if ages, _ := e.typedAges(s.Lang, text, false); !e.plainAge(s.Lang, text, ages) && (len(ages) == 0 || e.Langs.NamesNeed(s.Lang, text)) {
				if len(ages) > 0 {
					offerAges(s, nil, "")
				} // else ages offered before ("almost 18": 17 or 18) stay offered after the need
				understood := takeTypedTopics(s, topics, out)
				if len(ages) == 0 {
					// "born in 1990, I need a flat": the year gives the age too.
					if handled, err := e.answerBirth(ctx, s, text, false, out, understood); handled {
						return err
					}
				}
				if len(ages) == 0 && e.saysAgeUnknown(s.Lang, text) {
					// "I have no birth certificate": a need (the papers), and no age known.
					out.Say(dialog.T("age.unknown"))
				}
				return e.askAfter(ctx, s, out, understood)
			}
		}
	}
	return e.answerAge(ctx, s, text, false, out)
}

// saysAgeUnknown says whether a message says its writer does not know their age
// (answer.age_unknown within a short answer, or answer.dont_know alone).
func (e *Engine) saysAgeUnknown(lang, text string) bool {
	return e.Langs.SaysWithin(lang, "answer.age_unknown", text) || e.Langs.SaysOneOf(lang, "answer.dont_know", text)
}

// plainAge says whether the ages typed in text beside a need plainly give the age: one of 12
// or more, one said to be somebody's age ("my daughter is 8 years old, she needs a school":
// age.aged), or several to choose from; "I have 2 children and need a flat" does not.
func (e *Engine) plainAge(lang, text string, ages []int) bool {
	return len(ages) > 1 || len(ages) == 1 && (ages[0] >= directory.JMDMinAge || e.aged(lang, text, ages[0]))
}

// ownAge says whether text states age as the writer's own ("I am 16": age.is_age).
func (e *Engine) ownAge(lang, text string, age int) bool {
	n, ok := e.Langs.StatedAge(lang, text)
	return ok && n == age
}

// aged says whether text says that age is somebody's age (age.aged): "8 years old", "عمرها 8".
func (e *Engine) aged(lang, text string, age int) bool {
	n, ok := e.Langs.AgedNumber(lang, text)
	return ok && n == age
}

// typedAges returns the possible ages in a typed answer: every number in it from 0 to 120,
// without repeats (for a parent, from 12), but those the words around make a time or a count
// ("2 years ago", "under 12", "3 children"), and a number over 120: a year ("I am 30 and came
// in 2019"), a postcode or a phone number, and a decimal, a date, a range or a negative
// number (see withoutNonAges). ok is false when there is no age, or more than maxAgeChoices
// and none said as the writer's own.
func (e *Engine) typedAges(lang, text string, parent bool) ([]int, bool) {
	// A decimal, a date, a range or a negative number is no age ("34.5", "12-17"), nor a
	// part of the rest: "I arrived on 03/05/2024, I am 22" is 22.
	text = withoutNonAges(zeroAsO.ReplaceAllString(text, "${1}${2}0$3"))
	var ages []int
	nums, _ := e.Langs.Numbers(lang, text)
	for _, n := range nums {
		if n <= maxAge && !slices.Contains(ages, n) && (!parent || n >= directory.JMDMinAge) {
			ages = append(ages, n)
		}
	}
	if len(ages) > maxAgeChoices {
		// Too many numbers to offer, but one said as the writer's own age: "I'm 38, my
		// kids are 10, 7 and 2".
		if age, ok := e.Langs.StatedAge(lang, text); ok && slices.Contains(ages, age) {
			return []int{age}, true
		}
	}
	return ages, len(ages) > 0 && len(ages) <= maxAgeChoices
}

// typedRange is a range of two numbers, "25-27", "20 – 30".
var typedRange = regexp.MustCompile(`(^|[^\pN])(\d{1,3})\s*[-–—]\s*(\d{1,3})([^\pN]|$)`)

// maxRangeWidth is the widest range typed as an estimate of an age.
const maxRangeWidth = 15

// ageRange is the two ends of the one range of ages a message holds, with no other number
// in it ("25-27"; not "12.03.1990" nor "2-3 children, I am 40", nor an age group's label), or
// nil.
func ageRange(text string) []int {
	digits := NormalizeDigits(text)
	m := typedRange.FindAllStringSubmatchIndex(digits, -1)
	if len(m) != 1 {
		return nil
	}
	lo, _ := strconv.Atoi(digits[m[0][4]:m[0][5]])
	hi, _ := strconv.Atoi(digits[m[0][6]:m[0][7]])
	rest := digits[:m[0][4]] + digits[m[0][7]:]
	if lo < directory.JMDMinAge || hi <= lo || hi > maxAge || hi-lo > maxRangeWidth || strings.ContainsFunc(rest, unicode.IsDigit) {
		return nil
	}
	if lo == directory.JMDMinAge && hi == adultAge-1 || lo == adultAge && hi == directory.JMDMaxAge {
		return nil // an age group's label typed ("12-17"): no estimate of one age
	}
	return []int{lo, hi}
}

// zeroAsO finds a tens' age typed with the letter o for its zero, as a word of its own ("3o",
// "ez 3o salî me": the o sits beside the 0 on a phone's keyboard).
var zeroAsO = regexp.MustCompile(`(^|[^\pL\pN])([1-9])[oO]([^\pL\pN]|$)`)

// withoutNonAges is text without the numbers written as a decimal (34.5, ٣٤٫٥), a date
// (1.1.1990, 01/02/1990, 3.10), a range (12-17) or a negative number (-5): none of them is an
// age, and their parts are none either. Digits of every script are made ASCII.
func withoutNonAges(text string) string {
	runes := []rune(NormalizeDigits(text))
	isDigit := func(i int) bool { return digitAt(runes, i) }
	drop := make([]bool, len(runes))
	// dropNumber marks the digits around i, and what joins them, as no age.
	dropNumber := func(i int) {
		for j := i; j >= 0 && (isDigit(j) || j == i); j-- {
			drop[j] = true
		}
		for j := i + 1; j < len(runes) && (isDigit(j) || strings.ContainsRune(".,/-–", runes[j]) && isDigit(j+1)); j++ {
			drop[j] = true
		}
	}
	for i, r := range runes {
		switch r {
		case '.', ',', '/', '-', '–':
			if isDigit(i-1) && isDigit(i+1) {
				dropNumber(i)
			}
			if (r == '-' || r == '–') && isDigit(i+1) && !isDigit(i-1) && (i == 0 || unicode.IsSpace(runes[i-1])) {
				dropNumber(i)
			}
		case '−':
			if isDigit(i + 1) {
				dropNumber(i)
			}
		}
	}
	for i := range runes {
		if drop[i] {
			runes[i] = ' '
		}
	}
	return string(runes)
}

// digitAt says whether runes holds an ASCII digit at i (false outside it).
func digitAt(runes []rune, i int) bool {
	return i >= 0 && i < len(runes) && runes[i] >= '0' && runes[i] <= '9'
}

// ageChoice reads age:n<N>, valid only for a number the person typed.
func (s *State) ageChoice(value string) (int, bool) {
	digits, ok := strings.CutPrefix(value, ageNumber)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(digits)
	if err != nil || digits != strconv.Itoa(n) || !slices.Contains(s.AgeChoices, n) {
		return 0, false
	}
	return n, true
}

// whichAge asks which of the typed numbers is the age, with the numbers as buttons; for the
// ages a year of birth leaves open, which is the age today.
func whichAge(s *State, id string) dialog.Message {
	var row []dialog.Button
	for _, n := range s.AgeChoices {
		row = append(row, button(dialog.LTR(strconv.Itoa(n)), prefixAge, ageNumber+strconv.Itoa(n)))
	}
	line := dialog.T(id)
	switch {
	case s.Born != "":
		line = dialog.T("age.born_which", "Born", dialog.LTR(s.Born))
	case s.Other != 0:
		line = dialog.T("age.whose", "Age", dialog.LTR(strconv.Itoa(s.Other)))
	case s.Nearly:
		line = dialog.T("age.almost_which") // "almost 18": not "you wrote more than one number"
	}
	return dialog.Message{Lines: []dialog.Text{line}, Buttons: [][]dialog.Button{row}}
}

// offerAges offers ages to tap as the age: numbers typed (born "") or the ages a year of
// birth, quoted in the question, leaves open; none withdraws the offer.
func offerAges(s *State, ages []int, born string) {
	s.AgeChoices, s.Born, s.Other, s.Nearly = ages, born, 0, false
}

// takeAgeFrom takes age, typed in text at the age question (or, for parent, at the parent's),
// and notes whose text says it is: the writer's own (OwnAge), or said among other words
// (OthersAge).
func (e *Engine) takeAgeFrom(s *State, text string, age int, parent bool, out *dialog.Output) {
	takeTypedAnswer(s, age, parent, out)
	s.OwnAge = !parent && e.ownAge(s.Lang, text, age)
	s.OthersAge = !parent && !s.OwnAge && e.wordsBeside(s.Lang, text)
}

// takeTypedAnswer takes an age typed at the age question (or, for parent, at the parent's)
// and records the answer.
func takeTypedAnswer(s *State, age int, parent bool, out *dialog.Output) {
	takeTypedAge(s, age, parent)
	step := StepAge
	if parent {
		step = StepParentAge
	}
	out.Record(dialog.EventAnswered, "step", string(step), "how", "text")
}

// ageUnderstood says which age was understood.
func ageUnderstood(age int) dialog.Text {
	return dialog.T("age.recognized", "Age", dialog.LTR(strconv.Itoa(age)))
}

// takeTypedAge takes a typed age. A young child's age typed with a grown-up's ("I am 35 and
// my son is 3") keeps the grown-up's, for the question whether the child lives with a parent.
func takeTypedAge(s *State, age int, parent bool) {
	others := slices.DeleteFunc(slices.Clone(s.AgeChoices), func(n int) bool { return n == age })
	setAge(s, age, ageBand(age), parent)
	if parent {
		s.ParentTyped = true
		return
	}
	s.AgeTyped = true
	if (s.alone || s.withParent) && age >= directory.JMDMinAge && age < directory.AdultAge {
		with := s.withParent
		s.WithParent = &with
	}
	if age < directory.JMDMinAge {
		for _, n := range others {
			if n >= 18 {
				s.ParentHint = &n
				break
			}
		}
	}
}

// setAge takes an age (a band's stand-in, or typed) and forgets what depended on the old one.
func setAge(s *State, age int, band string, parent bool) {
	s.AgeChoices, s.Born, s.Other, s.Nearly = nil, "", 0, false
	if parent {
		s.ParentAge, s.ParentTyped = &age, false
		return
	}
	clearAge(s)
	s.Age, s.AgeBand = &age, band
}

// correctAge takes an age the writer states as their own ("sorry, my age is 43") once the
// age question is behind them (at the topic and place questions and under the result, where
// a bare number is a postcode, a house number or a count): the age is taken again, and what
// depended on it is asked again or shown again for it (the result names the service of the
// new age). Not in a young child's conversation, where the age given is the child's.
func (e *Engine) correctAge(ctx context.Context, s *State, text string, out *dialog.Output) (bool, error) {
	step := s.Step()
	if (step != StepTopic && step != StepPlace && step != StepResult) || s.Age == nil || *s.Age < directory.JMDMinAge {
		return false, nil
	}
	age, ok := e.Langs.StatedAge(s.Lang, text)
	if !ok || age == *s.Age || age < directory.JMDMinAge || age > maxAge {
		return false, nil
	}
	takeTypedAnswer(s, age, false, out)
	understood := ageUnderstood(age)
	if e.answersMore(s, step, text) {
		// "I am 29 and need a flat", "I am 43 and live in Baunatal": the rest of the message
		// answers the question too, after the age is said.
		out.Say(understood)
		return false, nil
	}
	return true, e.askAfter(ctx, s, out, understood)
}

// someoneElsesAge offers to tap, once the age question is behind, the age given and one a
// message states of someone and nothing more ("przepraszam, syn ma 19 lat", "sorry, my son is
// 19", "ابني عمره 19", "ой ошиблась, ему 28 лет", "19 not 16"; under the result "28" alone): a
// parent writing for their child corrects the child's age so, and which of the two is the age
// of the person who needs advice decides the service.
// Only when the two ages get different answers (another service, or one of them a minor's);
// not beside a need of its own (otherAge reads that at the topic question), not for a young
// child's age, nor a number that is no age.
func (e *Engine) someoneElsesAge(ctx context.Context, s *State, text string, out *dialog.Output) (bool, error) {
	step := s.Step()
	if (step != StepTopic && step != StepPlace && step != StepResult) || s.Age == nil || *s.Age < directory.JMDMinAge ||
		e.Langs.NamesNeed(s.Lang, text) {
		return false, nil
	}
	if _, ok := ParsePostcode(text); ok {
		return false, nil
	}
	typed, ok := e.typedAges(s.Lang, text, false)
	// "19 not 16", "ему 28, не 25": the age given is named to be corrected.
	ages := slices.DeleteFunc(slices.Clone(typed), func(n int) bool { return n == *s.Age })
	if !ok || len(ages) != 1 || ages[0] < directory.JMDMinAge || ages[0] > maxAge {
		return false, nil
	}
	// Said to be someone's age: beside the people named ("my son"), in words that make it an
	// age ("ему 28 лет", "er ist 28", "o 28 yaşında": age.aged), beside the age given ("19 not
	// 16", "19 مش 16"), or, under the result, where nothing else is asked, as a number alone.
	if !e.Langs.NamesPeople(s.Lang, text) && !e.aged(s.Lang, text, ages[0]) && len(typed) == len(ages) &&
		(step != StepResult || e.wordsBeside(s.Lang, text)) {
		return false, nil
	}
	given := *s.Age
	was, _ := directory.ServiceForAge(given)
	now, _ := directory.ServiceForAge(ages[0])
	if was == now && (given < directory.AdultAge) == (ages[0] < directory.AdultAge) {
		return false, nil // either age gets the same answer
	}
	clearAge(s)
	offerAges(s, []int{given, ages[0]}, "")
	s.Other = ages[0] // "you wrote about someone aged 19": which age is the advice for
	return true, e.ask(ctx, s, out)
}

// answersMore says whether text, besides an age, answers what is asked at step: a need at the
// topic question or under the result, a postcode or a place at the place question (or under
// the result, a postcode).
func (e *Engine) answersMore(s *State, step Step, text string) bool {
	code := func() bool { _, ok := ParsePostcode(text); return ok }
	switch step {
	case StepTopic:
		return e.Langs.NamesNeed(s.Lang, text)
	case StepPlace:
		if code() {
			return true
		}
		if e.Places != nil {
			_, named := e.Places.Named(text)
			return named
		}
	case StepResult:
		return code() || e.Langs.NamesNeed(s.Lang, text)
	}
	return false
}

// clearAge forgets the age and every answer that depended on it.
func clearAge(s *State) {
	s.Age, s.AgeBand, s.AgeTyped, s.AgeChoices, s.Born, s.Other, s.OwnAge, s.OthersAge = nil, "", false, nil, "", 0, false, false
	s.WithParent, s.ParentAge, s.ParentTyped, s.ParentHint = nil, nil, false, nil
}
