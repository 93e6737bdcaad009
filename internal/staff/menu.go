package staff

import "github.com/kassel/wegweiser/internal/dialog"

// commandNeeds is the permission each staff command checks in Engine.Handle: a role sees a
// command in its menu exactly when the command would let it in.
var commandNeeds = map[string]Action{
	"office": ActionListOffices,
	"admin":  ActionAddOffice,
	"stats":  ActionReadStats,
	"web":    ActionWebLogin,
}

// CommandsFor returns the staff commands a role may use, in the order of Commands.
func CommandsFor(r Role) []string {
	m := &Member{Role: r}
	var out []string
	for _, c := range Commands {
		if m.Allowed(commandNeeds[c], "") {
			out = append(out, c)
		}
	}
	return out
}

// MenuOf is the command menu a staff account's chat should have: its role's commands while
// it is active, none once it is revoked.
func MenuOf(m Member) dialog.StaffMenu {
	menu := dialog.StaffMenu{TelegramID: m.TelegramID}
	if m.RevokedAt == nil {
		menu.Commands = CommandsFor(m.Role)
	}
	return menu
}
