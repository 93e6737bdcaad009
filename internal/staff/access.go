package staff

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/kassel/wegweiser/internal/dialog"
)

// Who may do what is kept in the audit log beside the directory's changes: an invitation made
// or withdrawn, an account that an invitation began (or gave another role), an account
// revoked, with who did it and when, so that the city can see who let whom in. Their rows
// stand under AccessAuditID in place of an office, as the service area's under "(area)".

// AccessAuditID is the audit log's office id for changes of access.
const AccessAuditID = "(staff)"

// AreaAuditID is the audit log's office id for changes of the service area (its name, names
// in other languages, centre, radius, federal state, postcodes).
const AreaAuditID = "(area)"

// The audit log's fields for changes of access.
const (
	FieldInvitation = "invitation" // made (old empty) or withdrawn (new empty)
	FieldAccount    = "account"    // begun or changed by an invitation, or revoked (new empty)
)

// AccessValue is how the audit log keeps an invitation (id 0 and no name: "counsellor mbe-a
// mbe-b") or an account ("#12 Anna K.: counsellor mbe-a"): readable as it stands, in the
// command line's audit, and read back by accessText for the bot and the console.
func AccessValue(id int64, name string, role Role, offices []string) string {
	v := strings.Join(append([]string{string(role)}, offices...), " ")
	if id == 0 {
		return v
	}
	return fmt.Sprintf("#%d %s: %s", id, name, v)
}

// parseAccess reads a value of AccessValue back; ok is false for anything else.
func parseAccess(v string) (id int64, name string, role Role, offices []string, ok bool) {
	rest := v
	if strings.HasPrefix(v, "#") {
		i := strings.LastIndex(v, ": ") // a name may hold ": ", a role and office ids never do
		if i < 0 {
			return 0, "", "", nil, false
		}
		num, n, _ := strings.Cut(v[1:i], " ")
		var err error
		if id, err = strconv.ParseInt(num, 10, 64); err != nil || id <= 0 {
			return 0, "", "", nil, false
		}
		name, rest = n, v[i+2:]
	}
	fs := strings.Fields(rest)
	if len(fs) == 0 || !Role(fs[0]).Valid() {
		return 0, "", "", nil, false
	}
	return id, name, Role(fs[0]), fs[1:], true
}

// accessText says a value of AccessValue in the reader's words: the role by its name, the
// offices by id, an account by its number and name.
func accessText(v string) (text, bool) {
	id, name, role, offices, ok := parseAccess(v)
	if !ok {
		return text{}, false
	}
	args := []any{"Role", roleLabel(role)}
	key := ""
	if id != 0 {
		key = "staff.access.account"
		args = append(args, "ID", dialog.LTR(strconv.FormatInt(id, 10)), "Name", dialog.Raw(name))
	}
	if len(offices) > 0 {
		if key == "" {
			key = "staff.access.invitation"
		}
		key += "_offices"
		args = append(args, "Offices", listOf(offices, func(o string) text { return dialog.LTR(o) }))
	}
	if key == "" {
		return roleLabel(role), true
	}
	return t(key, args...), true
}

// AccessTextIDs are the catalog ids accessText uses, for the catalog tests.
func AccessTextIDs() []string {
	return []string{"staff.access.invitation_offices", "staff.access.account", "staff.access.account_offices"}
}
