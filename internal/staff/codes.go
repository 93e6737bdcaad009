package staff

import (
	"strings"

	"github.com/kassel/wegweiser/internal/dialog"
)

// codePrefix starts the data of every staff button, so that MayConcern can tell staff taps
// from newcomers' ones without looking the sender up.
const codePrefix = "s:"

// buttonCode names what a staff button does. Button data is "s:<code>" or "s:<code>:<arg>";
// the same constants build the buttons and find the row of the tap in taps. The argument is
// untrusted, like everything the client sends: each handler checks it.
type buttonCode string

// The staff button codes, with the argument each carries.
const (
	codeOpen           buttonCode = "o"        // o:<office ref>: open an office's menu
	codeCancel         buttonCode = "x"        // x: cancel or close whatever is going on
	codeStats          buttonCode = "st"       // st:<period>: the statistics of a period (stats.Periods)
	codeStatsRange     buttonCode = "sr"       // sr: ask for a period of one's own (a quarter, two dates)
	codeStatsDaily     buttonCode = "sd"       // sd:<yyyymmdd>-<yyyymmdd>: the CSV per day of that period
	codeEdit           buttonCode = "e"        // e:<field>: change a field of the office in the flow
	codeToggleLanguage buttonCode = "tl"       // tl:<tag>: tick or untick a counselling language
	codeToggleTopic    buttonCode = "tt"       // tt:<topic>: tick or untick a topic
	codeToggleNote     buttonCode = "tn"       // tn:<note key>: tick or untick a note of the library
	codeAccepting      buttonCode = "acc"      // acc:true|false|<empty>: accepting new clients (no waiting list), or unknown
	codeWaiting        buttonCode = "wl"       // wl:<weeks>: accepting new clients, with a waiting list of about so long
	codeReopen         buttonCode = "ro"       // ro: end a temporary closure
	codeSave           buttonCode = "save"     // save: store the value previewed or the ticks
	codeConfirm        buttonCode = "ok"       // ok: confirm the office's entry as current today
	codeConfirmRef     buttonCode = "okr"      // okr:<office ref>: confirm, from a reminder
	codeHistory        buttonCode = "hist"     // hist: the office's history
	codeClose          buttonCode = "c"        // c: close the office's card
	codeAdminNew       buttonCode = "ad:new"   // admin menu: add an office (its kind comes first)
	codeAdminArchive   buttonCode = "ad:arch"  // admin menu: pick an office to archive or restore
	codeAdminInvite    buttonCode = "ad:inv"   // admin menu: invite a staff member
	codeAdminStaff     buttonCode = "ad:staff" // admin menu: list the staff, to revoke one
	codeAdminLog       buttonCode = "ad:log"   // admin menu: the latest changes
	codeNewKind        buttonCode = "nk"       // nk:<kind>: the kind of the office being added
	codeArchiveAsk     buttonCode = "ar"       // ar:<office ref>: ask to archive or restore it
	codeArchiveDo      buttonCode = "arok"     // arok:<office ref>: archive or restore the office asked about
	codeInviteRole     buttonCode = "ir"       // ir:<role>: the role of the invitation
	codeInviteOffice   buttonCode = "io"       // io:<office ref>: the office of a counsellor's invitation
	codeRevokeAsk      buttonCode = "rv"       // rv:<staff id>: ask to revoke a staff member
	codeRevokeDo       buttonCode = "rvok"     // rvok:<id>: revoke the staff member asked about
	codeWebLink        buttonCode = "web"      // web: a new sign-in link for the web console
	codeTake           buttonCode = "ht"       // ht:<thread>: take a hand-over request
	codeDecline        buttonCode = "hd"       // hd:<thread>: decline it: the reasons
	codeDeclineFull    buttonCode = "hdf"      // hdf:<thread>: decline it, the office is full
	codeDeclineWrong   buttonCode = "hdw"      // hdw:<thread>: decline it, another office fits: which
	codeSuggest        buttonCode = "hs"       // hs:<thread>:<office ref>: decline it, naming that office
	codeReply          buttonCode = "hr"       // hr:<thread>: my typed messages go to this thread
	codeEnd            buttonCode = "he"       // he:<thread>: end or block the thread: ask
	codeEndDo          buttonCode = "heok"     // heok:<thread>: end it
	codeBlockDo        buttonCode = "hbok"     // hbok:<thread>: end it and block the newcomer
)

// adminGroup is the first part of the admin menu's codes (codeAdminNew ...). They take no
// argument: the whole rest of the data is the code.
const adminGroup = "ad"

// code makes the data of a staff button: the prefix, the code and its argument if any.
// code(codeAccepting, "") is "s:acc:", an empty argument.
func code(c buttonCode, args ...string) string {
	data := codePrefix + string(c)
	for _, a := range args {
		data += ":" + a
	}
	return data
}

// parse reads a staff button's data back into its code and argument; ok is false for data
// that is not a staff button's.
func parse(data string) (c buttonCode, arg string, ok bool) {
	rest, ok := strings.CutPrefix(data, codePrefix)
	if !ok {
		return "", "", false
	}
	first, arg, _ := strings.Cut(rest, ":")
	if first == adminGroup {
		return buttonCode(rest), "", true
	}
	return buttonCode(first), arg, true
}

// btn is an inline button that sends a staff code.
func btn(label dialog.Text, c buttonCode, args ...string) dialog.Button {
	return dialog.Button{Label: label, Data: code(c, args...)}
}

// cancelButton is the button that leaves whatever is going on.
func cancelButton() dialog.Button { return btn(t("staff.button.cancel"), codeCancel) }
