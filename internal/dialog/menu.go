package dialog

// StaffMenu asks the front end to offer a staff member, in their own private chat, the
// commands of their role next to the newcomer ones (Telegram: the chat's command menu), or,
// with no Commands, to take those away again. It is not stored and never logged.
type StaffMenu struct {
	// TelegramID is the staff member's Telegram user id, which is also their private
	// chat's id; 0 (the console's local user) has no menu.
	TelegramID int64
	// Commands are the staff commands (without the slash) the role may use, in menu order;
	// none: the account was revoked and the chat gets the newcomers' menu back.
	Commands []string
}

// Remove reports whether the menu is to be taken away.
func (m StaffMenu) Remove() bool { return len(m.Commands) == 0 }
