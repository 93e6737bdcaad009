package dialog

// InputKind says what the user did.
type InputKind int

// The kinds of input.
const (
	InputText        InputKind = iota // a text message
	InputCommand                      // a /command, Text without the slash, Arg its payload
	InputChoice                       // a button tap, Choice its data
	InputLocation                     // a shared location
	InputUnsupported                  // a sticker, photo, voice note, file, ...
	InputResume                       // a front end starts again (the console): ask where we were
)

// Input is one thing the user did.
type Input struct {
	Kind       InputKind
	Text       string // the text, or the command name without the slash
	Arg        string // the command's payload (/start ar)
	Choice     string // button data; untrusted
	Lat, Lon   float64
	ClientLang string // the user's app language (may be empty or wrong)
}
