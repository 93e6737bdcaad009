// Package staff is what counsellors and city staff do in the bot: redeem an invitation, keep
// their office's entry current, confirm it, and (admins) manage offices and staff. Like the
// newcomer conversation it is logic only: it says what to say through conversation messages,
// and reads and writes through the Store interface it declares.
package staff

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/kassel/wegweiser/internal/stats"
)

// Role is what a staff member may do.
type Role string

// The roles.
const (
	RoleCounsellor Role = "counsellor" // keeps the offices they are bound to current
	RoleAdmin      Role = "admin"      // city staff: all offices, staff management, statistics
	RoleStatistics Role = "statistics" // statistics only
)

// Roles lists every role.
var Roles = []Role{RoleCounsellor, RoleAdmin, RoleStatistics}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Member is a staff account.
type Member struct {
	ID         int64
	TelegramID int64
	Name       string
	Role       Role
	Offices    []string // office ids a counsellor is bound to
	CreatedAt  time.Time
	RevokedAt  *time.Time
	Flow       Flow
}

// Action is something a staff member may try to do.
type Action string

// The staff actions, each authorised on the server every time.
const (
	ActionEditOffice  Action = "edit_office"  // change or confirm an office's entry
	ActionAddOffice   Action = "add_office"   // create an office
	ActionArchive     Action = "archive"      // archive or restore an office
	ActionManageStaff Action = "manage_staff" // invite, list and revoke staff
	ActionReadAudit   Action = "read_audit"   // read the latest changes
	ActionReadStats   Action = "read_stats"   // usage statistics
	ActionListOffices Action = "list_offices" // see the offices one may edit
	ActionWebLogin    Action = "web_login"    // get a sign-in link for the web console
	ActionHandover    Action = "handover"     // take, answer, decline and end an office's hand-overs
)

// Actions lists every action, for the authorisation matrix.
var Actions = []Action{ActionEditOffice, ActionAddOffice, ActionArchive, ActionManageStaff, ActionReadAudit, ActionReadStats, ActionListOffices, ActionWebLogin, ActionHandover}

// Allowed reports whether m may do a on the office officeID ("" for actions not about one
// office). A revoked member may do nothing.
func (m *Member) Allowed(a Action, officeID string) bool {
	if m == nil || m.RevokedAt != nil {
		return false
	}
	switch m.Role {
	case RoleAdmin:
		// City staff manage everything but never read what newcomers write to an office.
		return a != ActionHandover
	case RoleCounsellor:
		switch a {
		case ActionEditOffice, ActionHandover:
			return slices.Contains(m.Offices, officeID)
		case ActionListOffices, ActionWebLogin:
			return true
		}
	case RoleStatistics:
		return a == ActionReadStats || a == ActionWebLogin
	}
	return false
}

// Flow is what a staff member is in the middle of. It is stored with the account.
type Flow struct {
	Office  string   `json:"office,omitempty"`  // the office being looked at
	Field   Field    `json:"field,omitempty"`   // the field waiting for a typed value
	Pending string   `json:"pending,omitempty"` // a valid new value waiting for confirmation
	Set     []string `json:"set,omitempty"`     // languages or topics being toggled
	// Had are the languages the office had when their toggles were shown: each stays
	// offered while they are toggled, so that one unticked by mistake can be ticked again
	// (one set in the web form, that the bot does not offer otherwise).
	Had []string `json:"had,omitempty"`
	// Adding an office (admins): the answers so far.
	NewKind string `json:"new_kind,omitempty"`
	// Inviting staff (admins): the role chosen.
	InviteRole Role `json:"invite_role,omitempty"`
	// Thread is the hand-over the counsellor's typed messages go to. It outlives the other
	// flows (the office card, an edit, statistics): a reply typed after them still reaches
	// the newcomer. Only the thread's end, another thread, or /start (the staff member tries
	// the newcomers' conversation) changes it.
	Thread int64 `json:"thread,omitempty"`
}

// then is the flow next, keeping the hand-over the counsellor's messages go to unless next
// names its own.
func (f Flow) then(next Flow) Flow {
	if next.Thread == 0 {
		next.Thread = f.Thread
	}
	return next
}

// Field is an office field a counsellor can change.
type Field string

// The editable fields.
const (
	FieldPhone     Field = "phone"
	FieldEmail     Field = "email"
	FieldWebsite   Field = "website"
	FieldAddress   Field = "address"   // street, postcode, city: typed on three lines
	FieldPosition  Field = "position"  // latitude, longitude: shared location or typed
	FieldHours     Field = "hours"     // opening_hours
	FieldLanguages Field = "languages" // toggled
	FieldTopics    Field = "topics"    // toggled
	FieldNote      Field = "note"      // free text, shown in German
	FieldNotes     Field = "notes"     // the notes library: toggled
	FieldAccepting Field = "accepting" // new clients and waiting list: one tap
	FieldClosed    Field = "closed"    // the last day of a temporary closure
	FieldName      Field = "name"      // adding an office
)

// FieldOfColumn is the field a directory column is edited in (the street, postcode and city
// are the address; the waiting list is part of accepting new clients), so that an edit is
// counted by the same name whether it was made in the bot or the web form; a column no field
// edits (an admin's: kind, ages, provider) keeps its own name.
func FieldOfColumn(col string) string {
	switch col {
	case "street", "postcode", "city":
		return string(FieldAddress)
	case "latitude", "longitude":
		return string(FieldPosition)
	case "opening_hours":
		return string(FieldHours)
	case "accepting_new_clients", "waiting_weeks":
		return string(FieldAccepting)
	case "closed_until", "closed_from":
		return string(FieldClosed)
	}
	return col
}

// Fields lists the fields in the order the office menu shows them.
var Fields = []Field{FieldPhone, FieldEmail, FieldWebsite, FieldAddress, FieldPosition, FieldHours, FieldLanguages,
	FieldTopics, FieldNotes, FieldNote, FieldAccepting, FieldClosed}

// Actor is who changes the directory, as the audit log names them.
type Actor struct {
	StaffID int64  // 0 for the import
	Label   string // "import", or the staff member's name and id
}

// ImportActor is the actor of `wegweiser directory import`.
var ImportActor = Actor{Label: "import"}

// ActorOf returns the audit actor for a staff member.
func ActorOf(m *Member) Actor {
	return Actor{StaffID: m.ID, Label: fmt.Sprintf("%s (staff #%d)", m.Name, m.ID)}
}

// Change is one field changed, for the audit log.
type Change struct {
	Field    string
	Old, New string
}

// AuditEntry is one row of the audit log.
type AuditEntry struct {
	At       time.Time
	Actor    string
	OfficeID string
	Field    string
	Old, New string
}

// Invitation is what an invitation code grants.
type Invitation struct {
	Role    Role
	Offices []string
	By      Actor // who made it, for the audit log
}

// OpenInvitation is an invitation neither used nor expired, as the console lists it. Ref
// names it (its code's hash, in hex: the code itself is not stored).
type OpenInvitation struct {
	Ref                  string
	Role                 Role
	Offices              []string
	CreatedAt, ExpiresAt time.Time
}

// Invitation errors.
var (
	ErrCodeUnknown = errors.New("staff: unknown invitation code")
	ErrCodeUsed    = errors.New("staff: invitation code already used")
	ErrCodeExpired = errors.New("staff: invitation code expired")
	// ErrAdminInvited: an administrator followed an invitation to another role (one they
	// made for someone else); it stays unused, and they stay administrator.
	ErrAdminInvited = errors.New("staff: an administrator redeemed an invitation to another role")
)

// InvitationTTL is how long an invitation code works.
const InvitationTTL = 7 * 24 * time.Hour

// DynamicMessageIDs lists the catalog ids the staff side builds at run time, so that a test
// can check every catalog has them.
func DynamicMessageIDs() []string {
	var ids []string
	for _, f := range append(Fields, FieldName) {
		ids = append(ids, "staff.field."+string(f), "staff.ask."+string(f))
	}
	for _, r := range Roles {
		ids = append(ids, "staff.role."+string(r))
	}
	for _, c := range []string{"required", "postcode", "email", "website", "phone", "latitude", "longitude", "hours", "too_long",
		"address", "control", "date", "date_past", "date_far", "weeks", "position_far"} {
		ids = append(ids, "invalid."+c)
	}
	for _, c := range Commands {
		ids = append(ids, "bot.command."+c)
	}
	ids = append(ids, HistoryColumnIDs()...)
	ids = append(ids, AccessTextIDs()...)
	ids = append(ids, "staff.column.area")
	ids = append(ids, stats.DynamicMessageIDs()...)
	return append(ids, "staff.admin.confirm_archive", "staff.admin.confirm_restore", "staff.admin.archived", "staff.admin.restored",
		"staff.reminder", "staff.reminder_never", "staff.button.open", "staff.value.true", "staff.value.false",
		"staff.history.archived", "staff.history.restored", "staff.history.handover",
		"staff.unit.weeks", "staff.unit.months", "staff.unit.days")
}
