package staff

import (
	"context"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/handover"
)

// scope says which office a row's permission is checked on.
type scope int

// The scopes.
const (
	noOffice   scope = iota // the action is not about one office
	flowOffice              // the office in the member's flow, which must be set
	argOffice               // the office the argument names by its reference (officeRef)
	argThread               // the office of the hand-over thread the argument names (its id first)
)

// press is one staff button press as a handler sees it, after choice has authorised it.
type press struct {
	lang   string           // the language the member's chat speaks
	arg    string           // the code's argument, as sent: untrusted
	office directory.Office // rows on flowOffice, argOffice or argThread: that office, loaded
	thread handover.Thread  // rows on argThread: the thread, loaded
	gone   bool             // rows on argThread: the thread is closed (or never was)
}

// tapRow is one staff button: its code, the permission it needs, and what it does.
type tapRow struct {
	code   buttonCode
	need   Action // "" only for cancel and close, which anyone may do
	on     scope
	handle func(e *Engine, ctx context.Context, m *Member, p press, out *dialog.Output) error
}

// taps is every staff button. choice authorises a tap against its row before the handler
// runs; a code not in the table is refused.
var taps = []tapRow{
	{codeOpen, ActionEditOffice, argOffice, (*Engine).openTapped},
	{codeCancel, "", noOffice, (*Engine).cancel},
	{codeStats, ActionReadStats, noOffice, (*Engine).stats},
	{codeStatsRange, ActionReadStats, noOffice, (*Engine).statsRange},
	{codeStatsDaily, ActionReadStats, noOffice, (*Engine).statsDaily},
	{codeEdit, ActionEditOffice, flowOffice, (*Engine).editField},
	{codeToggleLanguage, ActionEditOffice, flowOffice, (*Engine).toggleLanguage},
	{codeToggleTopic, ActionEditOffice, flowOffice, (*Engine).toggleTopic},
	{codeToggleNote, ActionEditOffice, flowOffice, (*Engine).toggleNote},
	{codeAccepting, ActionEditOffice, flowOffice, (*Engine).accepting},
	{codeWaiting, ActionEditOffice, flowOffice, (*Engine).waiting},
	{codeReopen, ActionEditOffice, flowOffice, (*Engine).reopen},
	{codeSave, ActionEditOffice, flowOffice, (*Engine).saveTapped},
	{codeConfirm, ActionEditOffice, flowOffice, (*Engine).confirm},
	{codeConfirmRef, ActionEditOffice, argOffice, (*Engine).confirmReminder},
	{codeHistory, ActionEditOffice, flowOffice, (*Engine).history},
	{codeClose, "", noOffice, (*Engine).closeCard},
	{codeAdminNew, ActionAddOffice, noOffice, (*Engine).newOfficeKind},
	{codeAdminArchive, ActionArchive, noOffice, (*Engine).archiveList},
	{codeAdminInvite, ActionManageStaff, noOffice, (*Engine).inviteStart},
	{codeAdminStaff, ActionManageStaff, noOffice, (*Engine).staffList},
	{codeAdminLog, ActionReadAudit, noOffice, (*Engine).auditLog},
	{codeNewKind, ActionAddOffice, noOffice, (*Engine).newOfficeName},
	{codeArchiveAsk, ActionArchive, argOffice, (*Engine).archiveAsk},
	{codeArchiveDo, ActionArchive, noOffice, (*Engine).archiveDo},
	{codeInviteRole, ActionManageStaff, noOffice, (*Engine).inviteRole},
	{codeInviteOffice, ActionManageStaff, argOffice, (*Engine).inviteOffice},
	{codeRevokeAsk, ActionManageStaff, noOffice, (*Engine).revokeAsk},
	{codeRevokeDo, ActionManageStaff, noOffice, (*Engine).revokeDo},
	{codeWebLink, ActionWebLogin, noOffice, (*Engine).webLinkTapped},
	{codeTake, ActionHandover, argThread, (*Engine).take},
	{codeDecline, ActionHandover, argThread, (*Engine).declineAsk},
	{codeDeclineFull, ActionHandover, argThread, (*Engine).declineFull},
	{codeDeclineWrong, ActionHandover, argThread, (*Engine).declineWrong},
	{codeSuggest, ActionHandover, argThread, (*Engine).suggest},
	{codeReply, ActionHandover, argThread, (*Engine).replyTo},
	{codeEnd, ActionHandover, argThread, (*Engine).endAsk},
	{codeEndDo, ActionHandover, argThread, (*Engine).endDo},
	{codeBlockDo, ActionHandover, argThread, (*Engine).blockDo},
}

// row finds the table row of a code.
func row(c buttonCode) (tapRow, bool) {
	for _, r := range taps {
		if r.code == c {
			return r, true
		}
	}
	return tapRow{}, false
}

// choice handles a staff button: it finds the code's row, checks the row's permission here on
// the server (button data is client-controlled), then runs its handler. Unknown or forged data
// is refused like a stale button.
func (e *Engine) choice(ctx context.Context, lang string, m *Member, data string, out *dialog.Output) error {
	c, arg, _ := parse(data)
	r, known := row(c)
	if !known {
		denied(m, out)
		return nil
	}
	p := press{lang: lang, arg: arg}
	ok, err := e.authorise(ctx, m, r, &p)
	if err != nil || !ok {
		if err == nil {
			denied(m, out)
		}
		return err
	}
	if p.gone {
		threadGone(m, out)
		return nil
	}
	return r.handle(e, ctx, m, p, out)
}

// authorise reports whether m may use row r, and loads the office it is about into p.
func (e *Engine) authorise(ctx context.Context, m *Member, r tapRow, p *press) (bool, error) {
	switch {
	case r.need == "":
		return true, nil
	case r.on == noOffice:
		return m.Allowed(r.need, ""), nil
	case r.on == argThread:
		return e.authoriseThread(ctx, m, r.need, p)
	case r.on == flowOffice:
		if m.Flow.Office == "" || !m.Allowed(r.need, m.Flow.Office) {
			return false, nil
		}
		o, err := e.Store.Office(ctx, m.Flow.Office)
		p.office = o
		return err == nil, err
	}
	o, ok, err := e.resolveOffice(ctx, p.arg)
	if err != nil || !ok {
		return false, err
	}
	p.office = o
	return m.Allowed(r.need, o.ID), nil
}
