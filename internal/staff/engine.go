package staff

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/stats"
)

// Store is what the staff side reads and writes; the PostgreSQL store implements it.
type Store interface {
	Office(ctx context.Context, id string) (directory.Office, error)
	Offices(ctx context.Context, archived bool) ([]directory.Office, error)
	UpdateOffice(ctx context.Context, actor Actor, o directory.Office) ([]Change, error)
	CreateOffice(ctx context.Context, actor Actor, o directory.Office) error
	SetArchived(ctx context.Context, actor Actor, id string, archived bool) error
	CreateInvitation(ctx context.Context, codeHash []byte, inv Invitation, expires time.Time) error
	RedeemInvitation(ctx context.Context, codeHash []byte, telegramID int64, name string, now time.Time) (Member, error)
	ListStaff(ctx context.Context) ([]Member, error)
	RevokeStaff(ctx context.Context, actor Actor, id int64) error
	// StaffEnded says whether the Telegram user had a staff account that was revoked (and
	// has none now), as long as the account's Telegram id is kept.
	StaffEnded(ctx context.Context, telegramID int64) (bool, error)
	SaveFlow(ctx context.Context, staffID int64, flow Flow) error
	Audit(ctx context.Context, officeID string, since time.Time, limit int) ([]AuditEntry, error)
}

// Who is the person behind an input: their Telegram id (0 for the console's local user), the
// name Telegram gives (stored only if they become staff) and the language their chat speaks
// (for the files the staff side makes: the statistics' chart and CSV).
type Who struct {
	TelegramID int64
	Name       string
	Lang       string
}

// Engine runs the staff side of the bot.
type Engine struct {
	Store Store
	Now   func() time.Time
	// InviteLink makes the deep link for an invitation code's /start payload; "" (or a nil
	// InviteLink) when the bot's username is not known, and the code is given without a link.
	InviteLink func(payload string) string
	// Languages are the counselling languages offered as toggles (with an office's own).
	Languages []string
	// Zone is where the day of a confirmation is counted (Europe/Berlin); nil means UTC.
	Zone *time.Location
	// Reports computes the usage statistics for /stats; nil answers that none are available.
	Reports Reports
	// Render says a text in a language (i18n.Catalog.Render), for the statistics' chart and
	// CSV files, which the staff side renders itself.
	Render func(lang string, t dialog.Text) string
	// Near gives a postcode's centre (postcode.Table.Centre), for checking that a typed or
	// shared position lies near the office's postcode; nil checks nothing.
	Near directory.Centre
	// Says reports whether a typed text is one of the comma-separated words a catalog message
	// holds in a language or in English (i18n.Catalog.SaysOneOf): the units of a typed
	// waiting time. Without it only a bare number of weeks is understood.
	Says func(lang, id, text string) bool
	// WebLogins keeps the web console's sign-in links and WebLink makes the link of a token;
	// without either, /web answers that the console is not available.
	WebLogins WebLogins
	WebLink   func(token string) string
	// Relay is the hand-over the counsellors answer; nil: none.
	Relay Relay
}

// Reports reads what the statistics need; the PostgreSQL store implements it.
type Reports interface {
	ReportData(ctx context.Context, from, to, asOf time.Time) (stats.Data, error)
}

// InvitePrefix starts the /start payload of an invitation.
const InvitePrefix = "staff-"

// Redeems reports whether an input redeems an invitation (/start with its payload): the one
// input the staff side takes from someone who is not staff, and one that changes the roster.
func Redeems(in dialog.Input) bool {
	return in.Kind == dialog.InputCommand && in.Text == "start" && strings.HasPrefix(in.Arg, InvitePrefix)
}

// Commands are the staff commands; to anyone else they are unknown commands.
var Commands = []string{"office", "admin", "stats", "web"}

// MayConcern reports whether an input may be for the staff side: a command, a staff button
// ("s:..."), or typed text and locations (a value being edited). Newcomers' own buttons are
// never for it, so their sender need not be looked up.
func MayConcern(in dialog.Input) bool {
	switch in.Kind {
	case dialog.InputCommand, dialog.InputText, dialog.InputLocation, dialog.InputFile:
		return true
	case dialog.InputChoice:
		return strings.HasPrefix(in.Choice, codePrefix)
	}
	return false
}

// Handle takes the inputs meant for the staff side and reports whether it did. member is the
// sender's staff account, or nil. Everything is authorised here, against the stored role and
// office binding, every time: button data is untrusted.
func (e *Engine) Handle(ctx context.Context, who Who, member *Member, in dialog.Input) (dialog.Output, bool, error) {
	var out dialog.Output
	switch {
	case Redeems(in):
		return out, true, e.redeem(ctx, who, member, strings.TrimPrefix(in.Arg, InvitePrefix), &out)
	case member == nil && in.Kind == dialog.InputCommand && slices.Contains(Commands, in.Text):
		// A staff command from someone without an account: an unknown command, unless their
		// account was revoked (they are told their access ended, not that the command does
		// not exist).
		ended, err := e.Store.StaffEnded(ctx, who.TelegramID)
		if err != nil || !ended {
			return out, false, err
		}
		out.Messages, out.Resume = append(out.Messages, say(dialog.T("staff.access_ended"))), true
		return out, true, nil
	case member == nil:
		return out, false, nil // not staff: the newcomer conversation answers, as to anyone
	case in.Kind == dialog.InputCommand:
		switch in.Text {
		case "help":
			// The staff member's own commands, then the question waiting in the newcomers'
			// conversation (a counsellor trying the newcomers' side); /start there, /help
			// reads as ever for a newcomer.
			member.Flow = member.Flow.then(Flow{})
			out.Messages = append(out.Messages, commandList(dialog.T("staff.help", "Role", roleLabel(member.Role)), member.Role))
			out.Resume = true
			return out, true, e.saveAnd(ctx, member, nil)
		case "office":
			member.Flow = member.Flow.then(Flow{})
			return out, true, e.saveAnd(ctx, member, e.officeStart(ctx, member, &out))
		case "admin":
			if !member.Allowed(ActionAddOffice, "") {
				out.Messages = append(out.Messages, say(dialog.T("staff.denied")))
				return out, true, nil
			}
			member.Flow = member.Flow.then(Flow{})
			out.Messages = append(out.Messages, adminMenu())
			return out, true, e.saveAnd(ctx, member, nil)
		case "stats":
			if !member.Allowed(ActionReadStats, "") || e.Reports == nil {
				out.Messages = append(out.Messages, say(dialog.T("staff.denied")))
				return out, true, nil
			}
			out.Messages = append(out.Messages, periodPicker())
			return out, true, nil
		case "web":
			if !member.Allowed(ActionWebLogin, "") {
				out.Messages = append(out.Messages, say(dialog.T("staff.denied")))
				return out, true, nil
			}
			return out, true, e.webLogin(ctx, member, &out)
		}
		if in.Text == "start" || in.Text == "restart" {
			// The newcomers' conversation, begun by a staff member to see it: what they type
			// next answers its questions, and reaches no newcomer of a hand-over they were
			// writing to (a reply under that newcomer's message chooses the thread again).
			if member.Flow.Thread != 0 || member.Flow.Field != "" || member.Flow.Pending != "" {
				member.Flow = Flow{}
				return out, false, e.Store.SaveFlow(ctx, member.ID, member.Flow)
			}
			return out, false, nil
		}
		if member.Flow.Field != "" || member.Flow.Pending != "" {
			// Any other command leaves what the staff member was doing.
			member.Flow = member.Flow.then(Flow{})
			return out, false, e.Store.SaveFlow(ctx, member.ID, member.Flow)
		}
		return out, false, nil
	case in.Kind == dialog.InputChoice && strings.HasPrefix(in.Choice, codePrefix):
		err := e.choice(ctx, who.Lang, member, in.Choice, &out)
		return out, true, e.saveAnd(ctx, member, err)
	case member.Flow.Field == FieldPeriod && (in.Kind == dialog.InputText || in.Kind == dialog.InputLocation):
		err := e.typedPeriod(ctx, member, who.Lang, in, &out)
		return out, true, e.saveAnd(ctx, member, err)
	case member.Flow.Field != "" && (in.Kind == dialog.InputText || in.Kind == dialog.InputLocation):
		err := e.typed(ctx, member, who.Lang, in, &out)
		return out, true, e.saveAnd(ctx, member, err)
	case member.Flow.Field != "" && member.Flow.Field != FieldPeriod && member.Flow.Thread == 0 && (in.Kind == dialog.InputUnsupported || in.Kind == dialog.InputFile):
		// A sticker, voice note or photo while a value is asked for: the question again (not
		// the newcomers' answer to such a message).
		out.Messages = append(out.Messages, e.reask(ctx, member, member.Flow.Field))
		return out, true, nil
	case member.Flow.Thread != 0 && e.Relay != nil && relayable(in):
		err := e.relayTyped(ctx, member, in, &out)
		return out, true, e.saveAnd(ctx, member, err)
	}
	return out, false, nil
}

// saveAnd stores the member's flow unless err is set.
func (e *Engine) saveAnd(ctx context.Context, m *Member, err error) error {
	if err != nil {
		return err
	}
	return e.Store.SaveFlow(ctx, m.ID, m.Flow)
}

// say is a message of lines, without buttons.
func say(lines ...dialog.Text) dialog.Message {
	return dialog.Message{Lines: lines}
}

// redeem turns an invitation code into a staff account and welcomes it, or says why not; then
// the conversation's question follows (Resume), so that someone who followed a stale link is
// not left without a next step.
func (e *Engine) redeem(ctx context.Context, who Who, before *Member, code string, out *dialog.Output) error {
	m, err := e.Store.RedeemInvitation(ctx, HashCode(code), who.TelegramID, who.Name, e.Now())
	switch {
	case errors.Is(err, ErrCodeUsed):
		out.Messages, out.Resume = append(out.Messages, say(dialog.T("staff.code_used"))), true
	case errors.Is(err, ErrCodeExpired):
		out.Messages, out.Resume = append(out.Messages, say(dialog.T("staff.code_expired"))), true
	case errors.Is(err, ErrCodeUnknown):
		out.Messages, out.Resume = append(out.Messages, say(dialog.T("staff.code_invalid"))), true
	case errors.Is(err, ErrAdminInvited):
		out.Messages, out.Resume = append(out.Messages, say(dialog.T("staff.code_admin"))), true
	case err != nil:
		return err
	default:
		w := welcome(m)
		if before != nil && before.RevokedAt == nil && before.Role != m.Role {
			// Another role ends the one held (and a counsellor's offices): said, not silent.
			ended := dialog.T("staff.role_changed", "Role", roleLabel(before.Role))
			if len(before.Offices) > 0 {
				names, err := e.officeNames(ctx)
				if err != nil {
					return err
				}
				var offices []dialog.Text
				for _, id := range before.Offices {
					offices = append(offices, dialog.Raw(cmp.Or(names[id], id)))
				}
				ended = dialog.T("staff.role_changed_offices", "Role", roleLabel(before.Role), "Offices", dialog.List(offices...))
			}
			w.Lines = append([]dialog.Text{ended, dialog.Raw("")}, w.Lines...)
		}
		out.Messages = append(out.Messages, w)
		out.Events = append(out.Events, dialog.Event{Kind: dialog.EventStaffJoined, Dims: map[string]string{"role": string(m.Role)}})
		menu := MenuOf(m)
		out.StaffMenu = &menu
	}
	return nil
}

// welcome greets a new staff member with their role's commands, each with what it does.
func welcome(m Member) dialog.Message {
	return commandList(dialog.T("staff.welcome", "Name", dialog.Raw(m.Name), "Role", roleLabel(m.Role)), m.Role)
}

// commandList is head, then the role's commands, each with what it does.
func commandList(head dialog.Text, r Role) dialog.Message {
	msg := say(head)
	for _, c := range CommandsFor(r) {
		msg.Lines = append(msg.Lines, dialog.Join(" – ", dialog.LTR("/"+c), dialog.T("bot.command."+c)))
	}
	return msg
}

// HashCode is how an invitation code is stored: only its SHA-256 hash.
func HashCode(code string) []byte {
	h := sha256.Sum256([]byte(strings.TrimSpace(code)))
	return h[:]
}

// officeRef is the short reference to an office in button data (64 bytes at most): the first
// 8 hex digits of its id's hash. It is resolved, and authorised, on the server.
func officeRef(id string) string {
	h := sha256.Sum256([]byte(id))
	return hex.EncodeToString(h[:4])
}

// resolveOffice finds the office a reference names, among all offices.
func (e *Engine) resolveOffice(ctx context.Context, ref string) (directory.Office, bool, error) {
	offices, err := e.Store.Offices(ctx, true)
	if err != nil {
		return directory.Office{}, false, err
	}
	var found []directory.Office
	for _, o := range offices {
		if officeRef(o.ID) == ref {
			found = append(found, o)
		}
	}
	if len(found) != 1 {
		return directory.Office{}, false, nil
	}
	return found[0], true, nil
}

// roleLabel names a role in the reader's language.
func roleLabel(r Role) dialog.Text { return dialog.T("staff.role." + string(r)) }

// staleTap answers a button of an earlier question that no longer applies (an older
// preview's Save, the Yes under an earlier question): it does nothing.
func staleTap(out *dialog.Output) {
	notice := t("stale")
	out.Notice = &notice
	out.Messages = append(out.Messages, say(notice))
}

// denied answers a refused action and ends whatever was going on.
func denied(m *Member, out *dialog.Output) {
	m.Flow = m.Flow.then(Flow{})
	out.Messages = append(out.Messages, say(dialog.T("staff.denied")))
	notice := dialog.T("staff.denied")
	out.Notice = &notice
}

// today is the current date where the offices are, as a date at midnight UTC.
func (e *Engine) today() time.Time { return directory.DateIn(e.Now(), e.Zone) }
