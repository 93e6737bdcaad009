package dialog

import "testing"

func TestCommand(t *testing.T) {
	for _, c := range []struct{ text, name, arg string }{
		{"/start", "start", ""},
		{"/start ar", "start", "ar"},
		{"/Start@wegweiser_bot  fa-AF ", "start", "fa-AF"},
		{"/HELP\nplease", "help", "please"},
		{"/", "", ""},
	} {
		name, arg, ok := Command(c.text)
		if !ok || name != c.name || arg != c.arg {
			t.Errorf("Command(%q) = %q, %q, %v; want %q, %q", c.text, name, arg, ok, c.name, c.arg)
		}
	}
	if _, _, ok := Command("start"); ok {
		t.Error("text without a slash read as a command")
	}
}
