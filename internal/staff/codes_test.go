package staff_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/staff"
)

func TestCodeOf(t *testing.T) {
	cases := []struct{ data, code string }{
		{"s:o:1a2b3c4d", "s:o"},
		{"s:x", "s:x"},
		{"s:acc:", "s:acc"},
		{"s:ad:new", "s:ad:new"},
		{"s:ad:new:extra", "s:ad:new:extra"}, // the admin menu's codes take no argument
		{"s:", "s:"},
	}
	for _, c := range cases {
		if got, ok := staff.CodeOf(c.data); !ok || got != c.code {
			t.Errorf("CodeOf(%q) = %q, %v, want %q", c.data, got, ok, c.code)
		}
	}
	if _, ok := staff.CodeOf("age:u12"); ok {
		t.Error("a newcomer's button was read as a staff code")
	}
	seen := map[string]bool{}
	for _, r := range staff.TapRows() {
		if seen[r.Code] {
			t.Errorf("%s has two rows", r.Code)
		}
		seen[r.Code] = true
	}
}

// handle sends one input as the member, like fixture.do, and returns the whole answer.
func (f *fixture) handle(t *testing.T, telegramID int64, in dialog.Input) dialog.Output {
	t.Helper()
	m, err := f.st.StaffByTelegramID(context.Background(), telegramID)
	if err != nil {
		t.Fatal(err)
	}
	in = saveNow(&m, in)
	out, handled, err := f.engine.Handle(context.Background(), staff.Who{TelegramID: telegramID, Name: "Person", Lang: "de"}, &m, in)
	if err != nil || !handled {
		t.Fatalf("%v: handled %v, %v", in, handled, err)
	}
	return out
}

// saveNow makes the tests' tap("s:save") the Save under what the member's flow previews or
// toggles now (the button names its field and value).
func saveNow(m *staff.Member, in dialog.Input) dialog.Input {
	if m != nil && in.Kind == dialog.InputChoice && in.Choice == "s:save" {
		in.Choice = staff.SaveData(m)
	}
	return in
}

// answer is what an output says: the message ids of its lines and the data of its buttons,
// the message edited in place included.
func answer(out dialog.Output) (ids, data []string) {
	msgs := out.Messages
	if out.Edit != nil {
		msgs = append(msgs, *out.Edit)
	}
	for _, m := range msgs {
		for _, l := range m.Lines {
			if l.ID != "" {
				ids = append(ids, l.ID)
			}
		}
		for _, row := range m.Buttons {
			for _, b := range row {
				data = append(data, b.Data)
			}
		}
	}
	return ids, data
}

func refusedAsToday(out dialog.Output) bool {
	ids, _ := answer(out)
	return contains(ids, "staff.denied") && out.Notice != nil && out.Notice.ID == "staff.denied"
}

// Every code in the table is offered by a button that a command leads to, and tapping that
// button, as the member it was offered to, does its work instead of being refused.
func TestEveryCodeIsReachable(t *testing.T) {
	f := newFixture(t)
	f.member(t, 1, staff.RoleCounsellor, "office-a")
	f.member(t, 2, staff.RoleAdmin)
	f.member(t, 3, staff.RoleStatistics)
	leaving := f.member(t, 5, staff.RoleCounsellor, "office-b")
	steps := []struct {
		who  int64
		in   dialog.Input
		want string
	}{
		{2, command("office"), "staff.pick_office"},
		{2, tap("s:o:" + ref("office-a")), "staff.office_menu"},
		{2, command("admin"), "staff.admin.menu"},
		{2, tap("s:ad:new"), "staff.admin.kind"},
		{2, tap("s:nk:service"), "staff.ask.name"},
		{2, tap("s:x"), "staff.cancelled"},
		{2, command("admin"), "staff.admin.menu"},
		{2, tap("s:ad:arch"), "staff.admin.pick_archive"},
		{2, tap("s:ar:" + ref("office-b")), "staff.admin.confirm_archive"},
		{2, tap("s:arok"), "staff.admin.archived"},
		{2, command("admin"), "staff.admin.menu"},
		{2, tap("s:ad:inv"), "staff.admin.role"},
		{2, tap("s:ir:counsellor"), "staff.admin.invite_office"},
		{2, tap("s:io:" + ref("office-a")), "staff.admin.invitation"},
		{2, command("admin"), "staff.admin.menu"},
		{2, tap("s:ad:staff"), "staff.admin.staff_list"},
		{2, tap("s:rv:" + strconv.FormatInt(leaving.ID, 10)), "staff.admin.confirm_revoke"},
		{2, tap("s:rvok"), "staff.admin.revoked"},
		{2, command("admin"), "staff.admin.menu"},
		{2, tap("s:ad:log"), "staff.admin.changes"},
		{3, command("stats"), "stats.pick_period"},
		{3, tap("s:st:7d"), "stats.title"},
		{3, tap("s:sd:20261119-20261125"), "stats.csv_daily"},
		{3, command("stats"), "stats.pick_period"},
		{3, tap("s:sr"), "stats.ask_period"},
		{3, typed("Q3 2026"), "stats.title"},
		{1, command("office"), "staff.office_menu"},
		{1, tap("s:e:languages"), "staff.ask.languages"},
		{1, tap("s:tl:ar"), "staff.ask.languages"},
		{1, tap("s:save"), "staff.saved"},
		{1, tap("s:e:topics"), "staff.ask.topics"},
		{1, tap("s:tt:housing"), "staff.ask.topics"},
		{1, tap("s:save"), "staff.saved"},
		{1, tap("s:e:accepting"), "staff.ask.accepting"},
		{1, tap("s:acc:true"), "staff.saved"},
		{1, tap("s:e:accepting"), "staff.ask.accepting"},
		{1, tap("s:wl:4"), "staff.saved"},
		{1, tap("s:e:notes"), "staff.ask.notes"},
		{1, tap("s:tn:interpreter"), "staff.ask.notes"},
		{1, tap("s:save"), "staff.saved"},
		{1, tap("s:e:closed"), "staff.ask.closed"},
		{1, typed("06.01."), "staff.preview_closed"},
		{1, tap("s:save"), "staff.saved"},
		{1, tap("s:e:closed"), "staff.ask.closed"},
		{1, tap("s:ro"), "staff.saved"},
		{1, tap("s:hist"), "staff.history.title"},
		{1, tap("s:o:" + ref("office-a")), "staff.office_menu"},
		{1, tap("s:ok"), "staff.confirmed"},
		{1, tap("s:c"), "staff.card_closed"},
		{1, reminder("office-a"), "staff.reminder"},
		{1, tap("s:okr:" + ref("office-a")), "staff.reminder_done"},
		{3, command("web"), "staff.web.link"},
		{3, tap("s:web"), "staff.web.link"},
	}
	offered, tapped := map[string]bool{}, map[string]bool{}
	last := map[int64][]string{}
	for _, s := range steps {
		// Save and Yes name what they save or confirm: the one offered is tapped.
		if c := s.in.Choice; c == "s:save" || c == "s:arok" || c == "s:rvok" {
			for _, d := range last[s.who] {
				if strings.HasPrefix(d, c+":") {
					s.in.Choice = d
				}
			}
		}
		if s.in.Kind == dialog.InputChoice {
			if !contains(last[s.who], s.in.Choice) {
				t.Fatalf("#%d was not offered %q, only %v", s.who, s.in.Choice, last[s.who])
			}
			c, _ := staff.CodeOf(s.in.Choice)
			tapped[c] = true
		}
		var out dialog.Output
		if s.in.Kind == dialog.InputResume { // a reminder arrives: the job sends it, not a command
			a, _ := f.st.Office(context.Background(), s.in.Text)
			out.Messages = append(out.Messages, staff.ReminderMessage(&a))
		} else {
			out = f.handle(t, s.who, s.in)
		}
		ids, data := answer(out)
		if !contains(ids, s.want) || contains(ids, "staff.denied") {
			t.Fatalf("%v from #%d said %v, want %s", s.in, s.who, ids, s.want)
		}
		last[s.who] = data
		for _, d := range data {
			c, ok := staff.CodeOf(d)
			if !ok {
				t.Errorf("a staff message offers %q, not a staff code", d)
			}
			offered[c] = true
		}
	}
	rows := map[string]bool{}
	for _, r := range staff.TapRows() {
		rows[r.Code] = true
		if r.Need == staff.ActionHandover {
			continue // offered by the hand-over's messages: TestHandoverCodesAreReachable
		}
		if !offered[r.Code] || !tapped[r.Code] {
			t.Errorf("%s: offered %v, tapped %v", r.Code, offered[r.Code], tapped[r.Code])
		}
	}
	for c := range offered {
		if !rows[c] {
			t.Errorf("a button sends %s, which no row handles", c)
		}
	}
}

// reminder stands for the reminder the job sends about an office, in TestEveryCodeIsReachable.
func reminder(office string) dialog.Input {
	return dialog.Input{Kind: dialog.InputResume, Text: office}
}

// argOf gives each code that takes one a valid argument about office B where there is one.
func argOf(code string) string {
	return map[string]string{
		"s:o": ref("office-b"), "s:ar": ref("office-b"), "s:io": ref("office-b"),
		"s:e": "phone", "s:tl": "de", "s:tt": "housing", "s:acc": "true", "s:tn": "interpreter", "s:wl": "4",
		"s:okr": ref("office-b"), "s:sd": "20261101-20261130",
		"s:st": "7d", "s:nk": "service", "s:ir": "admin", "s:rv": "1",
	}[code]
}

// Every row of the table is refused, with today's answer, to a member its Action does not
// allow: a counsellor bound to office A trying office B (by argument, or by a tampered flow),
// and a statistics member trying anything but statistics.
func TestEveryCodeChecksItsPermission(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	members := []staff.Member{
		f.member(t, 1, staff.RoleCounsellor, "office-a"),
		f.member(t, 3, staff.RoleStatistics),
	}
	for _, m := range members {
		for _, r := range staff.TapRows() {
			data := r.Code
			if arg := argOf(r.Code); arg != "" {
				data += ":" + arg
			}
			flow := staff.Flow{Office: "office-b", Field: staff.FieldPhone, Pending: "0561 555555"}
			if err := f.st.SaveFlow(ctx, m.ID, flow); err != nil {
				t.Fatal(err)
			}
			out := f.handle(t, m.TelegramID, tap(data))
			want := r.Need != "" && !m.Allowed(r.Need, "office-b")
			if refusedAsToday(out) != want {
				ids, _ := answer(out)
				t.Errorf("%s tapped %q: said %v, want refused %v", m.Role, data, ids, want)
			}
		}
	}
	if b, _ := f.st.Office(ctx, "office-b"); b.Phone != "0561 222222" || b.ConfirmedAt != nil || b.Archived {
		t.Errorf("office B was changed: %+v", b)
	}
}

// A known code with a forged argument, or tapped out of its flow, is refused like an unknown
// one, and leaves the flow.
func TestForgedCodesAndArgumentsAreRefused(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	counsellor := f.member(t, 1, staff.RoleCounsellor, "office-a")
	admin := f.member(t, 2, staff.RoleAdmin)
	onA := func(field staff.Field) staff.Flow { return staff.Flow{Office: "office-a", Field: field} }
	cases := []struct {
		m    staff.Member
		flow staff.Flow
		data string
	}{
		{counsellor, onA(""), "s:o:" + ref("office-b")},
		{counsellor, onA(""), "s:e:name"},
		{counsellor, onA(staff.FieldLanguages), "s:tl:xx"},
		{counsellor, onA(staff.FieldPhone), "s:tl:de"},
		{counsellor, onA(staff.FieldTopics), "s:tt:nonsense"},
		{counsellor, onA(staff.FieldAccepting), "s:acc:maybe"},
		{counsellor, onA(staff.FieldPhone), "s:acc:true"},
		{counsellor, onA(staff.FieldAccepting), "s:wl:0"},
		{counsellor, onA(staff.FieldAccepting), "s:wl:53"},
		{counsellor, onA(staff.FieldPhone), "s:wl:4"},
		{counsellor, onA(staff.FieldNotes), "s:tn:free_beer"},
		{counsellor, onA(staff.FieldPhone), "s:tn:free"},
		{counsellor, onA(staff.FieldPhone), "s:ro"},
		{counsellor, onA(""), "s:okr:" + ref("office-b")},
		{counsellor, onA(""), "s:io:" + ref("office-a")},
		{counsellor, onA(""), "s:ad:new"},
		{admin, staff.Flow{}, "s:zz"},
		{admin, staff.Flow{}, "s:"},
		{admin, staff.Flow{}, "s:ad"},
		{admin, staff.Flow{}, "s:ad:zz"},
		{admin, staff.Flow{}, "s:ad:new:extra"},
		{admin, staff.Flow{}, "s:nk:castle"},
		{admin, staff.Flow{}, "s:ar:00000000"},
		{admin, staff.Flow{}, "s:arok"},
		{admin, staff.Flow{Pending: "no-such-office"}, "s:arok"},
		{admin, staff.Flow{}, "s:ir:boss"},
		{admin, staff.Flow{}, "s:io:" + ref("office-a")},
		{admin, staff.Flow{InviteRole: staff.RoleCounsellor}, "s:io:00000000"},
		{admin, staff.Flow{}, "s:sd:20261130-20261101"},
		{admin, staff.Flow{}, "s:sd:garbage"},
		{admin, staff.Flow{}, "s:sd:20200101-20261130"},
		{admin, staff.Flow{}, "s:rv:abc"},
		{admin, staff.Flow{}, "s:rvok"},
		{admin, staff.Flow{Pending: "999999"}, "s:rvok"},
		{admin, staff.Flow{}, "s:e:phone"},
	}
	for _, c := range cases {
		if err := f.st.SaveFlow(ctx, c.m.ID, c.flow); err != nil {
			t.Fatal(err)
		}
		out := f.handle(t, c.m.TelegramID, tap(c.data))
		if !refusedAsToday(out) {
			ids, _ := answer(out)
			t.Errorf("%s tapped %q with %+v: said %v, want staff.denied", c.m.Role, c.data, c.flow, ids)
		}
		m, err := f.st.StaffByTelegramID(ctx, c.m.TelegramID)
		if err != nil && !errors.Is(err, directory.ErrNotFound) {
			t.Fatal(err)
		}
		if m.Flow.Office != "" || m.Flow.Field != "" || m.Flow.Pending != "" || m.Flow.InviteRole != "" {
			t.Errorf("%q left the flow %+v", c.data, m.Flow)
		}
	}
}
