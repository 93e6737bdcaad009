package handover

import (
	"strconv"
	"strings"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
)

// The newcomer's hand-over buttons send "ho:<code>" or "ho:<code>:<arg>" (conversation.
// PrefixContact). The argument is untrusted: an office is resolved among those that can be
// asked, a thread is checked to be the chat's own.
const (
	codeAsk     = "ask"  // ask:<office ref>: ask this office to contact me
	codeSend    = "send" // send the request written
	codeRewrite = "re"   // write the request's message again
	codeCancel  = "x"    // drop the request being written
	codeReply   = "to"   // to:<thread>: my messages go to this thread
	codeEnd     = "end"  // end:<thread>: ask to end the conversation
	codeEndYes  = "bye"  // bye:<thread>: end it
)

// data makes a button's data.
func data(code string, args ...string) string {
	d := conversation.PrefixContact + ":" + code
	for _, a := range args {
		d += ":" + a
	}
	return d
}

// parse reads a hand-over button's data; ok is false for any other button.
func parse(d string) (code, arg string, ok bool) {
	rest, ok := strings.CutPrefix(d, conversation.PrefixContact+":")
	if !ok {
		return "", "", false
	}
	code, arg, _ = strings.Cut(rest, ":")
	return code, arg, true
}

func threadArg(id int64) string { return strconv.FormatInt(id, 10) }

// threadID reads a thread id argument; 0 for anything else.
func threadID(arg string) int64 {
	id, err := strconv.ParseInt(arg, 10, 64)
	if err != nil || id <= 0 || arg != strconv.FormatInt(id, 10) {
		return 0
	}
	return id
}

func button(label dialog.Text, code string, args ...string) dialog.Button {
	return dialog.Button{Label: label, Data: data(code, args...)}
}

func cancelButton() dialog.Button { return button(dialog.T("handover.button.cancel"), codeCancel) }
