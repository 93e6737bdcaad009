package telegram

import (
	"context"
	"io/fs"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/kassel/wegweiser/internal/app"
	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/seed"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/testharness"
	"github.com/kassel/wegweiser/internal/tgfake"
	"github.com/kassel/wegweiser/locales"
)

// profileSetters are the calls that change what Telegram shows about the bot.
var profileSetters = []string{"setMyCommands", "deleteMyCommands", "setMyDescription", "setMyShortDescription"}

// profileCalls returns the recorded calls to the methods named, in order.
func profileCalls(fake *tgfake.Server, methods ...string) []tgfake.Call {
	var out []tgfake.Call
	for _, c := range fake.Calls() {
		if slices.Contains(methods, c.Method) {
			out = append(out, c)
		}
	}
	return out
}

// presence returns the Presence of a new adapter on e's fake and store (a process starting)
// with cat, pausing only briefly after a failure.
func (e *env) presence(t *testing.T, cat *i18n.Catalog) *Presence {
	t.Helper()
	runner, _ := testharness.New(t, e.store)
	a, err := New(Options{Token: "123:test", Secret: []byte("wegweiser-test-secret"), ServerURL: e.fake.URL(), SkipGetMe: true, PollTimeout: 2 * time.Second},
		runner, cat, e.store, slog.New(slog.NewJSONHandler(&e.logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return fast(a.Presence(e.store))
}

func fast(p *Presence) *Presence {
	p.Pause = func(int) time.Duration { return 10 * time.Millisecond }
	return p
}

// run runs p until the test ends.
func run(t *testing.T, p *Presence) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { p.Run(ctx); close(done) }()
	stop = func() { cancel(); <-done }
	t.Cleanup(stop)
	return stop
}

func shippedCatalog(t *testing.T) *i18n.Catalog {
	t.Helper()
	cat, err := app.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// catalogWith loads the shipped catalogs with one text of lang's file replaced.
func catalogWith(t *testing.T, lang, old, new string) *i18n.Catalog {
	t.Helper()
	files := fstest.MapFS{}
	err := fs.WalkDir(locales.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(locales.FS, path)
		if path == "active."+lang+".toml" {
			if !strings.Contains(string(data), old) {
				t.Fatalf("%s has no %q", path, old)
			}
			data = []byte(strings.Replace(string(data), old, new, 1))
		}
		files[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := i18n.Load(files)
	if err != nil {
		t.Fatal(err)
	}
	cat.SetTown(seed.KasselArea().NameIn)
	return cat
}

func names(cs []models.BotCommand) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Command
	}
	return out
}

func described(cs []models.BotCommand, name string) string {
	for _, c := range cs {
		if c.Command == name {
			return c.Description
		}
	}
	return ""
}

// eventually waits until cond holds, failing the test after a while.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestProfileIsSetOnFirstStartOnly: the first start sets the command menu and both
// descriptions for the default (English) and each other language under its two-letter code;
// a second start with nothing changed only asks, and sets nothing.
func TestProfileIsSetOnFirstStartOnly(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	n, err := e.presence(t, shippedCatalog(t)).syncProfile(ctx)
	if err != nil || n != 3*len(i18n.Shipped) {
		t.Fatalf("first start changed %d, %v; want %d", n, err, 3*len(i18n.Shipped))
	}
	if got := len(profileCalls(e.fake, profileSetters...)); got != 3*len(i18n.Shipped) {
		t.Errorf("%d calls set something, want %d", got, 3*len(i18n.Shipped))
	}
	def := e.fake.MyCommands(tgfake.ScopeDefault, "")
	if !slices.Equal(names(def), conversation.Commands) || described(def, "help") != "Help and emergency numbers" {
		t.Errorf("default menu = %v", def)
	}
	if d := e.fake.MyDescription(""); !strings.Contains(d, "Free and anonymous") || !strings.Contains(d, "Kassel") || !strings.Contains(d, "Tigrinya") {
		t.Errorf("default description = %q", d)
	}
	want := map[string]string{"de": "Hilfe und Notrufnummern", "fa": "کمک و شماره‌های عاجل", "ti": "ሓገዝን ቁጽርታት ህጹጽ ረድኤትን", "ku": "Alîkarî û hejmarên acîl"}
	for code, help := range want {
		if got := described(e.fake.MyCommands(tgfake.ScopeDefault, code), "help"); got != help {
			t.Errorf("%s: /help is described %q, want %q", code, got, help)
		}
	}
	for _, tag := range i18n.Shipped {
		code := telegramLanguage(tag)
		if e.fake.MyDescription(code) == "" || e.fake.MyShortDescription(code) == "" || len(e.fake.MyCommands(tgfake.ScopeDefault, code)) != len(conversation.Commands) {
			t.Errorf("%s (%q): profile incomplete", tag, code)
		}
	}
	if d := e.fake.MyDescription("ar"); !strings.Contains(d, "كاسل") || !strings.Contains(d, "العربية") {
		t.Errorf("ar description = %q", d)
	}

	e.fake.Reset()
	n, err = e.presence(t, shippedCatalog(t)).syncProfile(ctx)
	if err != nil || n != 0 {
		t.Errorf("second start changed %d, %v; want nothing", n, err)
	}
	if set := profileCalls(e.fake, profileSetters...); len(set) != 0 {
		t.Errorf("second start set %d things: %v", len(set), set)
	}
	if asked := profileCalls(e.fake, "getMyCommands", "getMyDescription", "getMyShortDescription"); len(asked) != 3*len(i18n.Shipped) {
		t.Errorf("second start asked %d times, want %d", len(asked), 3*len(i18n.Shipped))
	}
}

// TestChangedCatalogTextSetsOnlyThatOne: after one text of one catalog changed, a start sets
// that language's command menu and nothing else.
func TestChangedCatalogTextSetsOnlyThatOne(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	if _, err := e.presence(t, shippedCatalog(t)).syncProfile(ctx); err != nil {
		t.Fatal(err)
	}
	e.fake.Reset()
	changed := catalogWith(t, "de", `help = "Hilfe und Notrufnummern"`, `help = "Hilfe, Notrufnummern"`)
	n, err := e.presence(t, changed).syncProfile(ctx)
	if err != nil || n != 1 {
		t.Fatalf("changed %d, %v; want 1", n, err)
	}
	set := profileCalls(e.fake, profileSetters...)
	if len(set) != 1 || set[0].Method != "setMyCommands" || set[0].Params["language_code"] != "de" {
		t.Fatalf("set %v, want only the German menu", set)
	}
	if got := described(e.fake.MyCommands(tgfake.ScopeDefault, "de"), "help"); got != "Hilfe, Notrufnummern" {
		t.Errorf("German /help = %q", got)
	}
	if got := described(e.fake.MyCommands(tgfake.ScopeDefault, "de"), "start"); got != "Noch einmal von vorne beginnen" {
		t.Errorf("German /start = %q", got)
	}
}

// TestProfileFailuresAreRetriedLater: Telegram failing (500) and rate-limiting (429) the
// profile calls delays the profile, which is tried again until it is complete, and logged.
func TestProfileFailuresAreRetriedLater(t *testing.T) {
	e := newEnv(t)
	e.fake.FailNext("getMyCommands", 2, 500, 0)
	e.fake.FailNext("setMyDescription", 1, 429, 1)
	run(t, fast(e.lastAdapter.Presence(nil)))
	eventually(t, "every language has its profile", func() bool {
		return e.fake.MyShortDescription(telegramLanguage(i18n.Shipped[len(i18n.Shipped)-1])) != ""
	})
	failed := 0
	for _, c := range profileCalls(e.fake, "getMyCommands", "setMyDescription") {
		if c.Failed {
			failed++
		}
	}
	if failed != 3 {
		t.Errorf("%d failed calls, want 3", failed)
	}
	for _, tag := range i18n.Shipped {
		if e.fake.MyDescription(telegramLanguage(tag)) == "" {
			t.Errorf("%s: no description after the retries", tag)
		}
	}
	if logs := e.logs.String(); strings.Count(logs, "could not bring commands and descriptions in line") != 3 {
		t.Errorf("retries not logged 3 times:\n%s", logs)
	}
}

// TestAnswersDoNotWaitForThePresence: while Telegram does not answer the profile calls at
// all, newcomers and staff are answered; the staff menu waits.
func TestAnswersDoNotWaitForThePresence(t *testing.T) {
	e := newEnv(t)
	e.fake.SetDelay("getMyCommands", time.Hour)
	run(t, fast(e.lastAdapter.Presence(e.store)))
	const newcomer, counsellor = 9101, 9102
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(newcomer, "/start", "de")) }, 1)
	code, err := staff.Invite(context.Background(), e.store, staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"mbe-test"}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(counsellor, "/start staff-"+code, "de")) }, 1)
	if set := profileCalls(e.fake, profileSetters...); len(set) != 0 {
		t.Errorf("something was set while Telegram hung: %v", set)
	}
}

// TestStaffMenuFollowsInvitationAndRevocation: redeeming an invitation gives the chat its
// role's menu in the member's language; an admin revoking the account in the bot removes it.
func TestStaffMenuFollowsInvitationAndRevocation(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	run(t, fast(e.lastAdapter.Presence(e.store)))
	const admin, counsellor = 9201, 9202
	adminCode, err := staff.Invite(ctx, e.store, staff.Invitation{Role: staff.RoleAdmin}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(admin, "/start staff-"+adminCode, "de")) }, 1)
	wantAdmin := append([]string{"office", "admin", "stats", "web"}, conversation.Commands...)
	eventually(t, "the admin's chat has the admin menu", func() bool {
		return slices.Equal(names(e.fake.MyCommands(tgfake.ScopeChat(admin), "")), wantAdmin)
	})
	eventually(t, "the admin's menu is in German", func() bool {
		return described(e.fake.MyCommands(tgfake.ScopeChat(admin), ""), "stats") == "Nutzungsstatistik"
	})

	code, err := staff.Invite(ctx, e.store, staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"mbe-test"}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(counsellor, "/start staff-"+code, "en")) }, 1)
	eventually(t, "the counsellor's chat has the counsellor menu", func() bool {
		return slices.Equal(names(e.fake.MyCommands(tgfake.ScopeChat(counsellor), "")), append([]string{"office", "web"}, conversation.Commands...))
	})
	member, err := e.store.StaffByTelegramID(ctx, counsellor)
	if err != nil {
		t.Fatal(err)
	}
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(admin, "/admin", "de")) }, 1)
	e.tap(t, admin, "s:ad:staff", 1)
	e.tap(t, admin, "s:rv:"+strconv.FormatInt(member.ID, 10), 1)
	e.tap(t, admin, "s:rvok:"+strconv.FormatInt(member.ID, 10), 1)
	eventually(t, "the revoked chat's menu is removed", func() bool {
		return e.fake.MyCommands(tgfake.ScopeChat(counsellor), "") == nil
	})
	if deleted := profileCalls(e.fake, "deleteMyCommands"); len(deleted) != 1 || !strings.Contains(deleted[0].Params["scope"], strconv.Itoa(counsellor)) {
		t.Errorf("deleteMyCommands calls: %v", deleted)
	}
	if !slices.Equal(names(e.fake.MyCommands(tgfake.ScopeChat(admin), "")), wantAdmin) {
		t.Errorf("the admin's menu changed: %v", e.fake.MyCommands(tgfake.ScopeChat(admin), ""))
	}
}

// TestStartBringsStaffMenusInLine: at start, serve removes the menu of an account revoked on
// the command line (no bot running) and gives a menu to an account that has none; a second
// comparison changes nothing. Accounts revoked long ago are left alone.
func TestStartBringsStaffMenusInLine(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	const revoked, missing = 9301, 9302
	stop := run(t, fast(e.lastAdapter.Presence(e.store)))
	code, err := staff.Invite(ctx, e.store, staff.Invitation{Role: staff.RoleStatistics}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	e.say(t, func() int64 { return e.fake.PushUpdate(tgfake.MessageFrom(revoked, "/start staff-"+code, "en")) }, 1)
	eventually(t, "the statistics menu is set", func() bool { return len(e.fake.MyCommands(tgfake.ScopeChat(revoked), "")) > 0 })
	stop()
	e.stop()

	// The command line: `wegweiser staff revoke`, and an account made without the bot.
	m, err := e.store.StaffByTelegramID(ctx, revoked)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.store.RevokeStaff(ctx, staff.Actor{}, m.ID); err != nil {
		t.Fatal(err)
	}
	code, err = staff.Invite(ctx, e.store, staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"mbe-test"}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.RedeemInvitation(ctx, staff.HashCode(code), missing, "Person", time.Now()); err != nil {
		t.Fatal(err)
	}

	e.start(t)
	p := fast(e.lastAdapter.Presence(e.store))
	run(t, p)
	eventually(t, "the revoked menu is removed and the missing one set", func() bool {
		return e.fake.MyCommands(tgfake.ScopeChat(revoked), "") == nil && len(e.fake.MyCommands(tgfake.ScopeChat(missing), "")) > 0
	})
	if got := described(e.fake.MyCommands(tgfake.ScopeChat(missing), ""), "office"); got != "Check and change your office's entry" {
		t.Errorf("a chat without a language got /office described %q, want the reference", got)
	}

	e.fake.Reset()
	check := true
	if err := p.staffRound(ctx, map[int64]menuRequest{}, &check); err != nil {
		t.Fatal(err)
	}
	for _, c := range profileCalls(e.fake, "setMyCommands", "deleteMyCommands") {
		if strings.Contains(c.Params["scope"], `"chat"`) {
			t.Errorf("a second comparison changed a staff menu: %v", c)
		}
	}
	asked := 0
	for _, c := range profileCalls(e.fake, "getMyCommands") {
		if strings.Contains(c.Params["scope"], `"chat"`) {
			asked++
		}
	}
	if asked != 2 {
		t.Errorf("the second comparison asked %d times, want once per staff chat (2)", asked)
	}
	p.Now = func() time.Time { return time.Now().Add(p.RevokedWithin + time.Hour) }
	wanted, err := p.wantedMenus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range wanted {
		if w.TelegramID == revoked {
			t.Errorf("an account revoked long ago is still looked after: %+v", w)
		}
	}
}
