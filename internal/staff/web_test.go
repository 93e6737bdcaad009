package staff_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/staff"
)

// linkToken finds the sign-in token in the link of a /web answer.
func linkToken(t *testing.T, out dialog.Output) string {
	t.Helper()
	if len(out.Messages) != 1 || len(out.Messages[0].Lines) != 1 || out.Messages[0].Lines[0].ID != "staff.web.link" {
		t.Fatalf("/web said %+v", out.Messages)
	}
	link, _ := out.Messages[0].Lines[0].Data["Link"].(dialog.Text)
	token, ok := strings.CutPrefix(link.Raw, "https://console.example/staff/login?t=")
	if !ok || !link.LTR || len(token) < 40 {
		t.Fatalf("the link is %+v", link)
	}
	return token
}

// TestWebCommandSendsASignInLink: /web answers every role with a one-time link for its own
// account, valid 10 minutes, and a button for a fresh one; only the token's hash is stored.
func TestWebCommandSendsASignInLink(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.member(t, 5, staff.RoleCounsellor, "office-a")
	out := f.handle(t, 5, command("web"))
	token := linkToken(t, out)
	if _, data := answer(out); len(data) != 1 || data[0] != "s:web" {
		t.Errorf("buttons %q, want a fresh link", data)
	}
	if _, err := f.st.RedeemWebLogin(ctx, []byte(token), staff.HashCode("session"), f.now); err == nil {
		t.Error("the token itself is stored, not its hash")
	}
	got, err := f.st.RedeemWebLogin(ctx, staff.HashCode(token), staff.HashCode("session"), f.now.Add(staff.WebLoginTTL-time.Second))
	if err != nil || got.ID != m.ID {
		t.Fatalf("redeeming the link: %+v, %v", got, err)
	}
	if _, err := f.st.RedeemWebLogin(ctx, staff.HashCode(token), staff.HashCode("session 2"), f.now); err != staff.ErrWebLoginInvalid {
		t.Errorf("a used link: %v", err)
	}
	late := linkToken(t, f.handle(t, 5, tap("s:web")))
	if _, err := f.st.RedeemWebLogin(ctx, staff.HashCode(late), staff.HashCode("session 3"), f.now.Add(staff.WebLoginTTL)); err != staff.ErrWebLoginInvalid {
		t.Errorf("a link 10 minutes old: %v", err)
	}
	if ids, handled := f.do(t, 99, command("web")); handled || len(ids) != 0 {
		t.Errorf("/web from someone who is no staff: %q, handled %v", ids, handled)
	}
}

// TestWebCommandWithoutConsole: where no console is served, /web says so.
func TestWebCommandWithoutConsole(t *testing.T) {
	f := newFixture(t)
	f.engine.WebLogins, f.engine.WebLink = nil, nil
	f.member(t, 5, staff.RoleStatistics)
	if ids, handled := f.do(t, 5, command("web")); !handled || len(ids) != 1 || ids[0] != "staff.web.off" {
		t.Errorf("/web said %q", ids)
	}
}
