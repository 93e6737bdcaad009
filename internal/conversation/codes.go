package conversation

import (
	"strings"

	"github.com/kassel/wegweiser/internal/dialog"
)

// Button data is "prefix:value". The prefix names the question a tap answers; the same
// constants build the buttons (question, result) and read the taps (applyChoice). Taps are
// untrusted: a value is only accepted at the step that offers it.
const (
	prefixLang   = "lang"  // lang:<tag>: a shipped language
	prefixNav    = "nav"   // nav:language: open the language picker
	prefixAge    = "age"   // age:<band>: an age band (bandAges); age:n<N>: one of State.AgeChoices
	prefixChild  = "child" // child:yes|no: does the child live with a parent?
	prefixTopic  = "topic" // topic:<key>: a directory topic
	prefixPlace  = "place" // place:skip
	prefixResult = "res"   // res:<action>: after the result
	prefixChange = "chg"   // chg:<answer>: which answer to change
	prefixWhy    = "why"   // why:<reason>: what was missing, after 👎 (whyReasons)
)

// PrefixContact starts the data of the hand-over's buttons (package handover takes them):
// the result card offers one per office that can be asked to contact the newcomer.
const PrefixContact = "ho"

// The values of the prefixes that take a fixed set.
const (
	navLanguage = "language"

	ageNumber = "n" // age:n<N>: the typed number N, one of several

	childYes = "yes"
	childNo  = "no"

	placeSkip = "skip"

	resRestart = "restart"
	resCard    = "card" // the card to show at the office
	resChange  = "change"
	resYes     = "yes" // feedback: the result helped
	resNo      = "no"
	resMap     = "map" // res:map<ref>: show the result of that office reference on the map (see resultRef)
	resReopen  = "ntf" // res:ntf<ref>: ask to be told when that result reopens; res:ntfy<ref> consents, res:ntfn declines
	reopenYes  = "y"
	reopenNo   = "n"

	chgAge   = "age"
	chgTopic = "topic"
	chgPlace = "place"
	chgBack  = "back"

	whyOffice   = "office"   // the office did not fit
	whyPhone    = "phone"    // nobody answered the phone
	whyLanguage = "language" // the office does not speak the person's language
	whyOther    = "other"
)

// code joins a prefix and a value into button data.
func code(prefix, value string) string { return prefix + ":" + value }

// splitCode reads button data back into its prefix and value.
func splitCode(data string) (prefix, value string) {
	prefix, value, _ = strings.Cut(data, ":")
	return prefix, value
}

// button is an inline button that sends prefix:value.
func button(label dialog.Text, prefix, value string) dialog.Button {
	return dialog.Button{Label: label, Data: code(prefix, value)}
}
