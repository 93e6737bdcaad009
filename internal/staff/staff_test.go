package staff_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/postcode"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/store"
	"github.com/kassel/wegweiser/internal/storetest"
	"github.com/kassel/wegweiser/internal/testharness"
)

var offices = directorytest.File(
	"office-a,mbe,Office A,,Street 1,34117,Kassel,,,0561 111111,,,de,,,,,,,",
	"office-b,jmd,Office B,,Street 2,34117,Kassel,,,0561 222222,,,de,,,,,,,",
)

type fixture struct {
	st     *store.Store
	engine *staff.Engine
	now    time.Time
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	st := storetest.New(t, offices)
	f := &fixture{st: st, now: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)}
	cat := testharness.Catalog(t)
	table, err := postcode.Load()
	if err != nil {
		t.Fatal(err)
	}
	f.engine = &staff.Engine{Store: st, Says: cat.SaysOneOf, Near: table.Centre, Now: func() time.Time { return f.now }, Languages: []string{"de", "en", "ar"},
		InviteLink: func(p string) string { return "https://t.me/test_bot?start=" + p },
		Reports:    st, WebLogins: st, WebLink: func(token string) string { return "https://console.example/staff/login?t=" + token }}
	return f
}

// member creates a staff account through an invitation, as in real use.
func (f *fixture) member(t *testing.T, telegramID int64, role staff.Role, offices ...string) staff.Member {
	t.Helper()
	code, err := staff.Invite(context.Background(), f.st, staff.Invitation{Role: role, Offices: offices}, f.now)
	if err != nil {
		t.Fatal(err)
	}
	m, err := f.st.RedeemInvitation(context.Background(), staff.HashCode(code), telegramID, "Person", f.now)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// do sends one input as the member (reloaded from the store, as the runner does) and returns
// the message ids said, in order.
func (f *fixture) do(t *testing.T, telegramID int64, in dialog.Input) (ids []string, handled bool) {
	t.Helper()
	var member *staff.Member
	if m, err := f.st.StaffByTelegramID(context.Background(), telegramID); err == nil {
		member = &m
	} else if !errors.Is(err, directory.ErrNotFound) {
		t.Fatal(err)
	}
	out, handled, err := f.engine.Handle(context.Background(), staff.Who{TelegramID: telegramID, Name: "Person"}, member, saveNow(member, in))
	if err != nil {
		t.Fatal(err)
	}
	ids, _ = answer(out)
	return ids, handled
}

func command(name string) dialog.Input {
	return dialog.Input{Kind: dialog.InputCommand, Text: name}
}

func tap(data string) dialog.Input {
	return dialog.Input{Kind: dialog.InputChoice, Choice: data}
}

func typed(text string) dialog.Input {
	return dialog.Input{Kind: dialog.InputText, Text: text}
}

func ref(id string) string {
	h := sha256.Sum256([]byte(id))
	return hex.EncodeToString(h[:4])
}

func contains(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func TestAllowedMatrix(t *testing.T) {
	revoked := time.Now()
	members := map[string]*staff.Member{
		"counsellor": {Role: staff.RoleCounsellor, Offices: []string{"office-a"}},
		"admin":      {Role: staff.RoleAdmin},
		"statistics": {Role: staff.RoleStatistics},
		"revoked":    {Role: staff.RoleAdmin, RevokedAt: &revoked},
		"none":       nil,
	}
	allowed := map[string][]staff.Action{
		"counsellor": {staff.ActionEditOffice, staff.ActionListOffices, staff.ActionWebLogin, staff.ActionHandover},
		"admin":      slices.DeleteFunc(slices.Clone(staff.Actions), func(a staff.Action) bool { return a == staff.ActionHandover }),
		"statistics": {staff.ActionReadStats, staff.ActionWebLogin},
	}
	for name, m := range members {
		for _, a := range staff.Actions {
			want := false
			for _, x := range allowed[name] {
				want = want || x == a
			}
			if got := m.Allowed(a, "office-a"); got != want {
				t.Errorf("%s may %s on its office: %v, want %v", name, a, got, want)
			}
		}
	}
	if members["counsellor"].Allowed(staff.ActionEditOffice, "office-b") {
		t.Error("a counsellor may edit an office they are not bound to")
	}
	if members["counsellor"].Allowed(staff.ActionHandover, "office-b") {
		t.Error("a counsellor may answer the hand-overs of an office they are not bound to")
	}
}

// Every staff action, through the engine, for every role: allowed ones do their work, denied
// ones answer staff.denied, and non-staff get nothing from the staff side.
func TestActionsByRole(t *testing.T) {
	f := newFixture(t)
	f.member(t, 1, staff.RoleCounsellor, "office-a")
	f.member(t, 2, staff.RoleAdmin)
	f.member(t, 3, staff.RoleStatistics)
	const nobody = 4
	type step struct {
		in   dialog.Input
		want map[int64]string // telegram id → message id expected ("" = not handled)
	}
	steps := []step{
		{command("office"), map[int64]string{1: "staff.office_menu", 2: "staff.pick_office", 3: "staff.denied", nobody: ""}},
		{tap("s:o:" + ref("office-a")), map[int64]string{1: "staff.office_menu", 2: "staff.office_menu", 3: "staff.denied", nobody: ""}},
		{tap("s:e:phone"), map[int64]string{1: "staff.ask.phone", 2: "staff.ask.phone", 3: "staff.denied", nobody: ""}},
		{typed("0561 999999"), map[int64]string{1: "staff.preview", 2: "staff.preview", nobody: ""}},
		{tap("s:save"), map[int64]string{1: "staff.saved", 2: "staff.unchanged", 3: "staff.denied", nobody: ""}},
		{tap("s:ok"), map[int64]string{1: "staff.confirmed", 2: "staff.confirmed", 3: "staff.denied", nobody: ""}},
		{command("admin"), map[int64]string{1: "staff.denied", 2: "staff.admin.menu", 3: "staff.denied", nobody: ""}},
		{tap("s:ad:new"), map[int64]string{1: "staff.denied", 2: "staff.admin.kind", 3: "staff.denied", nobody: ""}},
		{tap("s:ad:arch"), map[int64]string{1: "staff.denied", 2: "staff.admin.pick_archive", 3: "staff.denied", nobody: ""}},
		{tap("s:ad:inv"), map[int64]string{1: "staff.denied", 2: "staff.admin.role", 3: "staff.denied", nobody: ""}},
		{tap("s:ir:statistics"), map[int64]string{1: "staff.denied", 2: "staff.admin.invitation", 3: "staff.denied", nobody: ""}},
		{tap("s:ad:staff"), map[int64]string{1: "staff.denied", 2: "staff.admin.staff_list", 3: "staff.denied", nobody: ""}},
		{tap("s:rv:1"), map[int64]string{1: "staff.denied", 3: "staff.denied", nobody: ""}},
		{tap("s:ad:log"), map[int64]string{1: "staff.denied", 2: "staff.admin.changes", 3: "staff.denied", nobody: ""}},
		{command("stats"), map[int64]string{1: "staff.denied", 2: "stats.pick_period", 3: "stats.pick_period", nobody: ""}},
		{tap("s:st:7d"), map[int64]string{1: "staff.denied", 2: "stats.title", 3: "stats.title", nobody: ""}},
	}
	for _, s := range steps {
		for _, who := range []int64{1, 2, 3, nobody} { // in this order: the counsellor saves first
			want, ok := s.want[who]
			if !ok {
				continue
			}
			ids, handled := f.do(t, who, s.in)
			switch {
			case want == "" && handled:
				t.Errorf("%v from non-staff was handled by the staff side: %v", s.in, ids)
			case want != "" && !contains(ids, want):
				t.Errorf("%v from #%d said %v, want %s", s.in, who, ids, want)
			}
		}
	}
	// The admin revokes the counsellor: from then on, the counsellor is nobody.
	if ids, _ := f.do(t, 2, tap("s:rv:1")); !contains(ids, "staff.admin.confirm_revoke") {
		t.Fatalf("revoke asked %v", ids)
	}
	if ids, _ := f.do(t, 2, tap("s:rvok:1")); !contains(ids, "staff.admin.revoked") {
		t.Fatalf("revoke said %v", ids)
	}
	if ids, _ := f.do(t, 1, command("office")); len(ids) != 1 || ids[0] != "staff.access_ended" {
		t.Errorf("a revoked counsellor still reaches the staff side: %v", ids)
	}
}

func TestForgedButtonForAnotherOfficeIsRefused(t *testing.T) {
	f := newFixture(t)
	f.member(t, 1, staff.RoleCounsellor, "office-a")
	f.do(t, 1, command("office"))
	for _, data := range []string{"s:o:" + ref("office-b"), "s:o:00000000", "s:e:name", "s:tl:xx", "s:zz", "s:ar:" + ref("office-b")} {
		if ids, handled := f.do(t, 1, tap(data)); !handled || !contains(ids, "staff.denied") {
			t.Errorf("%q said %v, want staff.denied", data, ids)
		}
	}
	// Even with a flow pointing at office B (as a tampered state would), edits are refused.
	m, _ := f.st.StaffByTelegramID(context.Background(), 1)
	if err := f.st.SaveFlow(context.Background(), m.ID, staff.Flow{Office: "office-b", Field: staff.FieldPhone}); err != nil {
		t.Fatal(err)
	}
	if ids, _ := f.do(t, 1, typed("0561 555555")); !contains(ids, "staff.denied") {
		t.Errorf("a typed value for office B said %v", ids)
	}
	if ids, _ := f.do(t, 1, tap("s:ok")); !contains(ids, "staff.denied") {
		t.Errorf("confirming office B said %v", ids)
	}
	b, _ := f.st.Office(context.Background(), "office-b")
	if b.Phone != "0561 222222" || b.ConfirmedAt != nil {
		t.Errorf("office B was changed: %+v", b)
	}
}

func TestInvalidValuesAreAskedAgain(t *testing.T) {
	f := newFixture(t)
	f.member(t, 1, staff.RoleCounsellor, "office-a")
	f.do(t, 1, command("office"))
	cases := []struct{ field, bad, reason, good string }{
		{"phone", "call me", "invalid.phone", "+49 561 123456"},
		{"email", "info(at)example.org", "invalid.email", "info@example.org"},
		{"website", "not a website", "invalid.website", "www.example.org"},
		{"address", "Somewhere 1, 341 Kassel", "invalid.postcode", "Die Freiheit 2, 34117 Kassel"},
		{"hours", "Montag früh", "staff.invalid_hours", "Mo-Fr 9-12"},
		{"position", "north", "invalid.latitude", "51.3127, 9.4797"},
	}
	for _, c := range cases {
		f.do(t, 1, tap("s:e:"+c.field))
		ids, _ := f.do(t, 1, typed(c.bad))
		if !(contains(ids, "staff.invalid") || contains(ids, c.reason)) || !contains(ids, "staff.ask."+c.field) {
			t.Errorf("%s %q said %v, want staff.invalid and the question again", c.field, c.bad, ids)
		}
		if ids, _ := f.do(t, 1, typed(c.good)); !contains(ids, "staff.preview") && !contains(ids, "staff.preview_hours") {
			t.Errorf("%s %q said %v, want a preview", c.field, c.good, ids)
		}
		if ids, _ := f.do(t, 1, tap("s:save")); !contains(ids, "staff.saved") {
			t.Errorf("saving %s said %v", c.field, ids)
		}
	}
	a, _ := f.st.Office(context.Background(), "office-a")
	// The phone typed as +49 561 123456 is kept in its display form, nationally.
	if a.Phone != "0561 123456" || a.Email != "info@example.org" || a.Website != "https://www.example.org" ||
		a.Street != "Die Freiheit 2" || a.Postcode != "34117" || a.OpeningHours != "Mo-Fr 09:00-12:00" || *a.Latitude != 51.3127 {
		t.Errorf("office A = %+v", a)
	}
	// Cancel at any step leaves everything as it was.
	f.do(t, 1, tap("s:e:note"))
	f.do(t, 1, typed("Closed in August"))
	if ids, _ := f.do(t, 1, tap("s:x")); !contains(ids, "staff.cancelled") {
		t.Errorf("cancel said %v", ids)
	}
	if a, _ := f.st.Office(context.Background(), "office-a"); a.Note != "" {
		t.Errorf("a cancelled note was saved: %q", a.Note)
	}
}

// A position is checked against the office's postcode: latitude and longitude swapped are
// taken the right way round (shown before saving), one far off is refused, typed or shared.
func TestPositionNearThePostcode(t *testing.T) {
	f := newFixture(t)
	f.member(t, 1, staff.RoleCounsellor, "office-a") // postcode 34117 (Kassel)
	f.do(t, 1, command("office"))
	f.do(t, 1, tap("s:e:position"))
	out := f.handle(t, 1, typed("9.4797, 51.3127"))
	if got := german(t, out); !strings.Contains(got, "51.3127, 9.4797") {
		t.Errorf("swapped: preview\n%s", got)
	}
	f.do(t, 1, tap("s:save"))
	if a, _ := f.st.Office(context.Background(), "office-a"); a.Latitude == nil || *a.Latitude != 51.3127 || *a.Longitude != 9.4797 {
		t.Errorf("swapped: saved %v %v", a.Latitude, a.Longitude)
	}
	for _, in := range []dialog.Input{typed("48.137, 11.575"), {Kind: dialog.InputLocation, Lat: 52.52, Lon: 13.405}} {
		f.do(t, 1, tap("s:e:position"))
		out := f.handle(t, 1, in)
		if ids, _ := answer(out); !contains(ids, "staff.invalid") || !contains(ids, "staff.ask.position") || !strings.Contains(german(t, out), "mehr als 30 km von der Postleitzahl") {
			t.Errorf("%v: said %v", in, ids)
		}
		f.do(t, 1, tap("s:x"))
	}
	if a, _ := f.st.Office(context.Background(), "office-a"); *a.Latitude != 51.3127 {
		t.Errorf("a refused position was saved: %v", *a.Latitude)
	}
	// An address in another town is refused too while the map point stays here (the export
	// would not import again); one in the same town is taken.
	f.do(t, 1, tap("s:e:address"))
	out = f.handle(t, 1, typed("Marienplatz 1, 80331 München"))
	if ids, _ := answer(out); !contains(ids, "staff.invalid") || !strings.Contains(german(t, out), "mehr als 30 km von der Postleitzahl") {
		t.Errorf("an address far from the position: said %v", ids)
	}
	f.do(t, 1, tap("s:x"))
	if a, _ := f.st.Office(context.Background(), "office-a"); a.Postcode != "34117" {
		t.Errorf("a refused address was saved: %s %s", a.Postcode, a.City)
	}
	f.do(t, 1, tap("s:e:address"))
	out = f.handle(t, 1, typed("Kölnische Straße 5, 34119 Kassel"))
	if ids, _ := answer(out); contains(ids, "staff.invalid") {
		t.Errorf("an address near the position was refused: %v", ids)
	}
}

// A language the bot does not offer (set in the web form) stays among the toggles once
// unticked, so that a slip can be undone before saving; before, its button went with the tick.
func TestUntickedExtraLanguageCanBeTickedAgain(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.member(t, 1, staff.RoleCounsellor, "office-a")
	o, _ := f.st.Office(ctx, "office-a")
	o.Languages = []string{"de", "sq"}
	if _, err := f.st.UpdateOffice(ctx, staff.ActorOf(&m), o); err != nil {
		t.Fatal(err)
	}
	f.do(t, 1, command("office"))
	f.do(t, 1, tap("s:e:languages"))
	f.do(t, 1, tap("s:tl:sq")) // off
	if ids, _ := f.do(t, 1, tap("s:tl:sq")); contains(ids, "staff.denied") {
		t.Fatalf("ticking the unticked language again was refused: %v", ids)
	}
	f.do(t, 1, tap("s:save"))
	if a, _ := f.st.Office(ctx, "office-a"); strings.Join(a.Languages, " ") != "de sq" {
		t.Errorf("languages saved: %v", a.Languages)
	}
	if ids, _ := f.do(t, 1, tap("s:tl:it")); !contains(ids, "staff.denied") {
		t.Errorf("a language never offered was toggled: %v", ids)
	}
}

// Ticking a note unticks the one that contradicts it: a newcomer is not told "only with an
// appointment" and "drop-in hours: no appointment needed" about one office.
func TestOppositeNoteIsUnticked(t *testing.T) {
	f := newFixture(t)
	f.member(t, 1, staff.RoleCounsellor, "office-a")
	f.do(t, 1, command("office"))
	f.do(t, 1, tap("s:e:notes"))
	f.do(t, 1, tap("s:tn:appointment_only"))
	f.do(t, 1, tap("s:tn:wheelchair"))
	f.do(t, 1, tap("s:tn:open_consultation"))
	f.do(t, 1, tap("s:save"))
	if a, _ := f.st.Office(context.Background(), "office-a"); strings.Join(a.NoteKeys, " ") != "wheelchair open_consultation" {
		t.Errorf("notes saved: %v", a.NoteKeys)
	}
}

func TestTogglesAndAuditOfBotEdits(t *testing.T) {
	f := newFixture(t)
	m := f.member(t, 1, staff.RoleCounsellor, "office-a")
	f.do(t, 1, command("office"))
	f.do(t, 1, tap("s:e:languages"))
	f.do(t, 1, tap("s:tl:ar"))
	f.do(t, 1, tap("s:tl:de")) // off
	f.do(t, 1, tap("s:save"))
	f.do(t, 1, tap("s:e:topics"))
	f.do(t, 1, tap("s:tt:housing"))
	f.do(t, 1, tap("s:save"))
	f.do(t, 1, tap("s:e:accepting"))
	f.do(t, 1, tap("s:acc:false"))
	f.do(t, 1, tap("s:save"))
	f.do(t, 1, tap("s:ok"))
	a, _ := f.st.Office(context.Background(), "office-a")
	if strings.Join(a.Languages, " ") != "ar" || len(a.Topics) != 1 || a.Topics[0] != "housing" ||
		a.AcceptingNewClients == nil || *a.AcceptingNewClients || directory.FormatDate(a.ConfirmedAt) != "2026-11-25" {
		t.Errorf("office A = %+v", a)
	}
	entries, err := f.st.Audit(context.Background(), "office-a", f.now.Add(-time.Hour), 0)
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]string{}
	for _, e := range entries {
		if e.Actor == staff.ActorOf(&m).Label {
			fields[e.Field] = e.Old + " → " + e.New
		}
	}
	for field, want := range map[string]string{"languages": "de → ar", "topics": " → housing", "accepting_new_clients": " → false", "confirmed_at": " → 2026-11-25"} {
		if fields[field] != want {
			t.Errorf("audit of %s = %q, want %q (all: %v)", field, fields[field], want, fields)
		}
	}
}

func TestInvitationCodes(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	code, err := staff.Invite(ctx, f.st, staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"office-a"}}, f.now)
	if err != nil {
		t.Fatal(err)
	}
	start := dialog.Input{Kind: dialog.InputCommand, Text: "start", Arg: staff.InvitePrefix + code}
	if ids, _ := f.do(t, 10, start); !contains(ids, "staff.welcome") {
		t.Fatalf("redeeming said %v", ids)
	}
	if ids, _ := f.do(t, 11, start); !contains(ids, "staff.code_used") {
		t.Errorf("a reused code said %v", ids)
	}
	old, err := staff.Invite(ctx, f.st, staff.Invitation{Role: staff.RoleAdmin}, f.now.Add(-8*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if ids, _ := f.do(t, 12, dialog.Input{Kind: dialog.InputCommand, Text: "start", Arg: staff.InvitePrefix + old}); !contains(ids, "staff.code_expired") {
		t.Errorf("an expired code said %v", ids)
	}
	if ids, _ := f.do(t, 13, dialog.Input{Kind: dialog.InputCommand, Text: "start", Arg: "staff-nonsense"}); !contains(ids, "staff.code_invalid") {
		t.Errorf("an unknown code said %v", ids)
	}
	for _, id := range []int64{11, 12, 13} {
		if _, err := f.st.StaffByTelegramID(ctx, id); !errors.Is(err, directory.ErrNotFound) {
			t.Errorf("#%d became staff with a refused code", id)
		}
	}
}

// An administrator who follows an invitation to another role (made for someone else) stays
// administrator, and the invitation stays unused for the person it was meant for; before, the
// administrator became a counsellor and could make no other invitation.
func TestAdminFollowingAnotherInvitationStaysAdmin(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	admin, err := staff.Invite(ctx, f.st, staff.Invitation{Role: staff.RoleAdmin}, f.now)
	if err != nil {
		t.Fatal(err)
	}
	if ids, _ := f.do(t, 20, dialog.Input{Kind: dialog.InputCommand, Text: "start", Arg: staff.InvitePrefix + admin}); !contains(ids, "staff.welcome") {
		t.Fatalf("redeeming the admin invitation said %v", ids)
	}
	code, err := staff.Invite(ctx, f.st, staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"office-a"}}, f.now)
	if err != nil {
		t.Fatal(err)
	}
	start := dialog.Input{Kind: dialog.InputCommand, Text: "start", Arg: staff.InvitePrefix + code}
	if ids, _ := f.do(t, 20, start); !contains(ids, "staff.code_admin") {
		t.Errorf("the admin following a counsellor's invitation was told %v", ids)
	}
	if m, err := f.st.StaffByTelegramID(ctx, 20); err != nil || m.Role != staff.RoleAdmin || len(m.Offices) != 0 {
		t.Errorf("the admin is now %+v, %v", m, err)
	}
	if ids, _ := f.do(t, 21, start); !contains(ids, "staff.welcome") {
		t.Errorf("the counsellor redeeming the invitation afterwards was told %v", ids)
	}
	if m, err := f.st.StaffByTelegramID(ctx, 21); err != nil || m.Role != staff.RoleCounsellor || len(m.Offices) != 1 {
		t.Errorf("the counsellor is %+v, %v", m, err)
	}
}

func TestAdminAddsArchivesAndRestoresAnOffice(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.member(t, 2, staff.RoleAdmin)
	f.do(t, 2, tap("s:ad:new"))
	f.do(t, 2, tap("s:nk:service"))
	if ids, _ := f.do(t, 2, typed("Jobcenter Stadt Kassel")); !contains(ids, "staff.admin.created") || !contains(ids, "staff.office_menu") {
		t.Fatalf("adding an office said %v", ids)
	}
	o, err := f.st.Office(ctx, "jobcenter-stadt-kassel")
	if err != nil || o.Kind != directory.KindService {
		t.Fatalf("new office = %+v, %v", o, err)
	}
	// Without an address or a phone yet, it is hidden from newcomers until shown.
	if !o.Archived {
		t.Error("a new office with no details reaches newcomers at once")
	}
	f.do(t, 2, tap("s:ar:"+ref("office-a")))
	if ids, _ := f.do(t, 2, tap("s:arok:"+ref("office-a"))); !contains(ids, "staff.admin.archived") {
		t.Fatalf("archiving said %v", ids)
	}
	m, err := f.st.Match(ctx, directory.Query{Age: 40, Topic: "residence", Language: "de"})
	if err != nil || len(m.Offices) != 0 {
		t.Errorf("an archived office reaches newcomers: %+v, %v", m.Offices, err)
	}
	f.do(t, 2, tap("s:ar:"+ref("office-a")))
	if ids, _ := f.do(t, 2, tap("s:arok:"+ref("office-a"))); !contains(ids, "staff.admin.restored") {
		t.Fatalf("restoring said %v", ids)
	}
	// The Yes under an earlier question names its own office: tapped after another
	// question, it does nothing.
	f.do(t, 2, tap("s:ar:"+ref("office-a")))
	f.do(t, 2, tap("s:ar:"+ref("jobcenter-stadt-kassel")))
	if ids, _ := f.do(t, 2, tap("s:arok:"+ref("office-a"))); !contains(ids, "stale") {
		t.Errorf("the first question's Yes after the second said %v", ids)
	}
	if a, _ := f.st.Office(ctx, "office-a"); a.Archived {
		t.Error("the first question's Yes archived its office after another question")
	}
	// An admin does not revoke their own account (another admin does).
	self, _ := f.st.StaffByTelegramID(ctx, 2)
	if ids, _ := f.do(t, 2, tap("s:rv:"+strconv.FormatInt(self.ID, 10))); !contains(ids, "staff.denied") {
		t.Errorf("revoking oneself said %v", ids)
	}
	if m, _ := f.st.Match(ctx, directory.Query{Age: 40, Topic: "residence", Language: "de"}); len(m.Offices) != 1 {
		t.Errorf("a restored office does not reach newcomers: %+v", m.Offices)
	}
}

// Every field the audit log names (the directory's columns, an office's archiving and
// hand-over steps, the service area's fields) has a label in every shipped language: the change
// log showed "staff.column.names" for an area's import.
func TestEveryAuditFieldHasALabel(t *testing.T) {
	cat := testharness.Catalog(t)
	fields := append(append(slices.Clone(directory.Columns), "archived", "handover"), store.AreaFields()...)
	for _, lang := range i18n.Shipped {
		for _, f := range fields {
			label := staff.FieldLabel(f)
			if got := cat.Render(lang, label); got == "" || strings.Contains(got, "staff.column") {
				t.Errorf("%s: the audit field %q is labelled %q", lang, f, got)
			}
		}
	}
}

// A counsellor who follows an invitation to another role is told which role, and which
// offices, it ends; the same role again (one more office) ends nothing.
func TestAnotherRoleByInvitationIsSaid(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.member(t, 30, staff.RoleCounsellor, "office-a")
	redeem := func(inv staff.Invitation) []string {
		t.Helper()
		code, err := staff.Invite(ctx, f.st, inv, f.now)
		if err != nil {
			t.Fatal(err)
		}
		ids, _ := f.do(t, 30, dialog.Input{Kind: dialog.InputCommand, Text: "start", Arg: staff.InvitePrefix + code})
		return ids
	}
	if ids := redeem(staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"office-b"}}); contains(ids, "staff.role_changed") || contains(ids, "staff.role_changed_offices") {
		t.Errorf("one more office said %v", ids)
	}
	if ids := redeem(staff.Invitation{Role: staff.RoleStatistics}); !contains(ids, "staff.role_changed_offices") || !contains(ids, "staff.welcome") {
		t.Errorf("the counsellor made statistics staff was told %v", ids)
	}
	if ids := redeem(staff.Invitation{Role: staff.RoleCounsellor, Offices: []string{"office-a"}}); !contains(ids, "staff.role_changed") {
		t.Errorf("statistics staff made a counsellor was told %v", ids)
	}
}

// /help for staff lists their role's commands, and the question waiting comes again.
func TestStaffHelpListsTheirCommands(t *testing.T) {
	f := newFixture(t)
	f.member(t, 31, staff.RoleCounsellor, "office-a")
	out, handled, err := f.engine.Handle(context.Background(), staff.Who{TelegramID: 31, Name: "Person"}, memberOf(t, f, 31), command("help"))
	if err != nil || !handled || !out.Resume {
		t.Fatalf("/help: handled %v, resume %v, %v", handled, out.Resume, err)
	}
	ids, _ := answer(out)
	if want := 1 + len(staff.CommandsFor(staff.RoleCounsellor)); !contains(ids, "staff.help") || len(out.Messages) != 1 || len(out.Messages[0].Lines) != want {
		t.Errorf("/help said %v, want the heading and %d commands", out.Messages, want-1)
	}
}

func memberOf(t *testing.T, f *fixture, telegramID int64) *staff.Member {
	t.Helper()
	m, err := f.st.StaffByTelegramID(context.Background(), telegramID)
	if err != nil {
		t.Fatal(err)
	}
	return &m
}

// The first save by an office of an entry whose note came from public sources asks the
// counsellor to check that note (newcomers read it as the office's from then on); a later
// save, or one that changes the note, does not.
func TestFirstConfirmationAsksToCheckTheNote(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	a, err := f.st.Office(ctx, "office-a")
	if err != nil {
		t.Fatal(err)
	}
	a.Note, a.ConfirmedAt = "Telefon aus einer älteren Quelle", nil
	if _, err := f.st.UpdateOffice(ctx, staff.Actor{Label: "city"}, a); err != nil {
		t.Fatal(err)
	}
	f.member(t, 1, staff.RoleCounsellor, "office-a")
	f.do(t, 1, command("office"))
	save := func() []string {
		f.do(t, 1, tap("s:e:phone"))
		f.do(t, 1, typed("0561 999999"))
		ids, _ := f.do(t, 1, tap("s:save"))
		return ids
	}
	if ids := save(); !contains(ids, "staff.note_check") {
		t.Errorf("the first save said %v, want the note to be checked", ids)
	}
	if ids := save(); contains(ids, "staff.note_check") {
		t.Errorf("a second save said %v", ids)
	}
}

// A staff command from a revoked account says the access ended (the conversation's question
// follows); from someone who was never staff it is the newcomers' unknown command.
func TestRevokedStaffAreToldTheirAccessEnded(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.member(t, 40, staff.RoleCounsellor, "office-a")
	if err := f.st.RevokeStaff(ctx, staff.Actor{}, m.ID); err != nil {
		t.Fatal(err)
	}
	if ids, handled := f.do(t, 40, command("office")); !handled || !contains(ids, "staff.access_ended") {
		t.Errorf("a revoked counsellor's /office: handled %v, said %v", handled, ids)
	}
	if _, handled := f.do(t, 41, command("office")); handled {
		t.Error("someone never staff had /office answered by the staff side")
	}
}
