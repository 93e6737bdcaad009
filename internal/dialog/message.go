// Package dialog is the vocabulary every conversation speaks: what a person did (Input), and
// what to say back (Output: messages of Texts and Buttons, and anonymous Events). It imports
// nothing of the project, so that the newcomer dialogue, the staff dialogue, the statistics and
// every adapter (Telegram, console, i18n) can share it without depending on each other.
package dialog

// Text is something to say, in no language yet: a catalog message id with its data, or a
// literal (an office's name, a phone number). The i18n package renders it for a language.
type Text struct {
	ID    string         // catalog message id; empty for a literal or a join
	Data  map[string]any // template data; values may be Text, string or numbers
	Count any            // plural count, or nil for messages without plural forms
	Raw   string         // literal text, used when ID and Parts are empty
	LTR   bool           // Raw is left-to-right matter (phone, e-mail, web address, time) kept intact in RTL text
	Parts []Text         // a join of texts, separated by Sep, or a List
	Sep   string
	List  bool // Parts are a list: joined as the reader's language joins lists ("a, b and c")
	// Number, when set, is a decimal number with Digits digits after the decimal sign,
	// written as the reader's language writes numbers (1,2 or 1.2).
	Number *float64
	Digits int
	// Language, when set, renders as the name of that language (a BCP 47 tag) in the
	// reader's language.
	Language string
}

// T returns the catalog message id with data given as key, value pairs.
func T(id string, kv ...any) Text {
	t := Text{ID: id}
	if len(kv) > 0 {
		t.Data = make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			t.Data[kv[i].(string)] = kv[i+1]
		}
	}
	return t
}

// Plural returns the catalog message id chosen by count; count is also available as .Count.
func Plural(id string, count int, kv ...any) Text {
	t := T(id, append(kv, "Count", count)...)
	t.Count = count
	return t
}

// Raw returns literal text.
func Raw(s string) Text { return Text{Raw: s} }

// LTR returns literal left-to-right text such as a phone number or web address.
func LTR(s string) Text { return Text{Raw: s, LTR: true} }

// List returns the parts as a list, joined by the reader's language's list pattern (CLDR): no
// separator or conjunction is written in code.
func List(parts ...Text) Text { return Text{Parts: parts, List: true} }

// Decimal returns a number with digits digits after the decimal sign, written the reader's way.
func Decimal(v float64, digits int) Text { return Text{Number: &v, Digits: digits} }

// Join returns the parts separated by sep: a space or a range dash, never a list separator
// (see List).
func Join(sep string, parts ...Text) Text { return Text{Parts: parts, Sep: sep} }

// Message is one message to the user.
type Message struct {
	Lines   []Text     // rendered one per line
	Buttons [][]Button // inline buttons, in rows
	// AskLocation offers a button that shares the user's location (a Telegram reply keyboard).
	AskLocation *Text
	// Reply are more buttons of that keyboard, under the location button: a tap sends the
	// label as text, so the dialogue reads it as typed text (see Languages.Says).
	Reply []Text
	// HideKeyboard removes a location keyboard offered earlier.
	HideKeyboard bool
	Venue        *Venue // a place to show on a map instead of text
	File         *File  // a picture or document to send, with Lines as its caption
	// Lang, when set, is the language to say this message in instead of the chat's.
	Lang string
}

// Button is an inline button: a label and the data it sends back when tapped.
type Button struct {
	Label Text
	Data  string // at most 64 bytes; never trusted when it comes back
}

// File is a picture or a document sent in the chat.
type File struct {
	Name  string // file name, e.g. wegweiser.csv
	Data  []byte
	Photo bool // show as a picture, not as a file
	// Ref, when set, names a file the front end already holds (one a user sent: a Telegram
	// file_id), sent again by reference instead of Data.
	Ref string
}

// Venue is a place on the map.
type Venue struct {
	Lat, Lon       float64
	Title, Address string
}

// Output is everything the engine wants said after one input.
type Output struct {
	// Edit replaces the message whose button was tapped (only for button input).
	Edit *Message
	// Notice is the short answer to a button tap (shown as a toast); nil for none.
	Notice *Text
	// Messages are sent in order.
	Messages []Message
	// Erase asks the adapter to delete everything stored about this chat.
	Erase bool
	// Events are anonymous facts for the usage statistics.
	Events []Event
	// StaffMenu, when set, changes the command menu of a staff member's chat: an invitation
	// was redeemed, or an account revoked.
	StaffMenu *StaffMenu
	// Others are messages to other chats than the one whose input caused them (a hand-over
	// relays between a newcomer and an office's counsellors). They are stored with the turn,
	// each under its destination's chat key, and delivered in order per destination.
	Others []Outgoing
	// Resume says that a side flow (a contact request) ended without a question of its own:
	// the conversation's current question follows these messages, so that the person is
	// never left without a next step.
	Resume bool
	// Reopen are offices the person asked, explicitly, to be told about once when they are
	// open and take new clients again: the front end's runner keeps the chat's id for that,
	// sealed (see chat.Runner).
	Reopen []string
}

// Outgoing is a message to another chat. ChatID is resolved for this turn only (a newcomer's
// is opened from its seal): front ends keep it sealed and never log it.
type Outgoing struct {
	ChatID  int64
	Lang    string // the language to say it in
	Message Message
}

// Event is an anonymous usage fact: no chat id, no name, no message text.
type Event struct {
	Kind EventKind
	Dims map[string]string // bounded values only: language, step, topic, age band, ...
}

// Say appends a message of lines and returns it, so that the caller can set more.
func (o *Output) Say(lines ...Text) *Message {
	o.Messages = append(o.Messages, Message{Lines: lines})
	return &o.Messages[len(o.Messages)-1]
}

// Record adds an anonymous event; kv are dimension names and values, in pairs.
func (o *Output) Record(kind EventKind, kv ...string) {
	e := Event{Kind: kind, Dims: map[string]string{}}
	for i := 0; i+1 < len(kv); i += 2 {
		e.Dims[kv[i]] = kv[i+1]
	}
	o.Events = append(o.Events, e)
}
