package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/directorytest"
	"github.com/kassel/wegweiser/internal/staff"
)

// TestPlanImportMatchesTheImport: the console's dry run (directory.PlanImport) predicts what
// the import then does, count by count, and the import's audit rows name the actor given.
func TestPlanImportMatchesTheImport(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	sample, err := directory.ReadCSV(strings.NewReader(directorytest.Sample))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportOffices(ctx, sample, false); err != nil {
		t.Fatal(err)
	}
	if err := st.SetArchived(ctx, staff.ImportActor, "jugendamt", true); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(directorytest.Sample), "\n")
	lines[1] = strings.Replace(lines[1], "0561 111111", "0561 999999", 1) // mbe-a changes
	lines = append(lines[:3], lines[5], "mbe-c,mbe,MBE Ost,,,,,,,,,,,,,,,,,")
	incoming, err := directory.ReadCSV(strings.NewReader(strings.Join(lines, "\n") + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	existing, err := st.Offices(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	plan := directory.PlanImport(existing, incoming, true)
	actor := staff.Actor{Label: "Web Admin (staff #9)"}
	res, err := st.ImportOfficesAs(ctx, actor, incoming, true)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Count(directory.ActionInsert) != res.Inserted || plan.Count(directory.ActionUpdate)+plan.Count(directory.ActionRestore) != res.Updated ||
		plan.Count(directory.ActionArchive) != res.Archived || plan.Unchanged != res.Unchanged {
		t.Errorf("plan %+v, import %+v", plan, res)
	}
	if plan.Count(directory.ActionRestore) != 1 || plan.Count(directory.ActionArchive) != 2 || plan.Count(directory.ActionInsert) != 1 {
		t.Errorf("plan %+v: want jugendamt restored, jmd-a and abh archived, mbe-c new", plan)
	}
	entries, err := st.Audit(ctx, "mbe-a", time.Time{}, 1)
	if err != nil || len(entries) != 1 || entries[0].Actor != actor.Label || entries[0].New != "0561 999999" {
		t.Errorf("audit %+v, %v", entries, err)
	}
	again, _ := st.Offices(ctx, true)
	if p := directory.PlanImport(again, incoming, true); len(p.Changes) != 0 || p.Unchanged != len(incoming) {
		t.Errorf("after the import, the same file plans %+v", p)
	}
}

// TestWebSessions: a sign-in link opens one session once, before it expires and while its
// account is active; a session lives while used within the idle time and ends with its
// account or on sign-out. Only hashes are stored.
func TestWebSessions(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	m := statisticsMember(t, st, now)
	token, err := staff.IssueWebLogin(ctx, st, m.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	session := []byte("session-hash")
	if _, err := st.RedeemWebLogin(ctx, staff.HashCode(token), session, now.Add(staff.WebLoginTTL)); err != staff.ErrWebLoginInvalid {
		t.Errorf("an expired link: %v", err)
	}
	if got, err := st.RedeemWebLogin(ctx, staff.HashCode(token), session, now.Add(time.Minute)); err != nil || got.ID != m.ID {
		t.Fatalf("redeeming: %+v, %v", got, err)
	}
	var stored int
	if err := st.db.GetContext(ctx, &stored, `SELECT count(*) FROM web_logins WHERE token_hash = $1`, []byte(token)); err != nil || stored != 0 {
		t.Errorf("the token is stored in the clear (%d, %v)", stored, err)
	}
	idle := 8 * time.Hour
	if got, err := st.WebSession(ctx, session, now.Add(idle), idle, 24*time.Hour); err != nil || got.ID != m.ID {
		t.Fatalf("a session used within the idle time: %+v, %v", got, err)
	}
	if _, err := st.WebSession(ctx, session, now.Add(2*idle+time.Second), idle, 24*time.Hour); err != staff.ErrNoWebSession {
		t.Errorf("a session idle for too long: %v", err)
	}
	other := []byte("other-session")
	token2, _ := staff.IssueWebLogin(ctx, st, m.ID, now)
	if _, err := st.RedeemWebLogin(ctx, staff.HashCode(token2), other, now); err != nil {
		t.Fatal(err)
	}
	if err := st.RevokeStaff(ctx, staff.Actor{}, m.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.WebSession(ctx, other, now, idle, 24*time.Hour); err != staff.ErrNoWebSession {
		t.Errorf("a revoked account's session: %v", err)
	}
	if err := st.EndWebSession(ctx, other); err != nil {
		t.Fatal(err)
	}
	if err := st.AddEvents(ctx, now, []dialog.Event{{Kind: dialog.EventOfficeConfirmed}}); err != nil {
		t.Fatal(err)
	}
	if f, _ := st.Figures(ctx, now, now); f.Total("office_confirmed") == nil || f.People != 0 {
		t.Errorf("a console event is not counted, or counted as a person: %+v", f)
	}
}

// TestRetentionDropsEndedSessions: the daily retention drops the console's sessions opened
// more than a day ago (none lasts that long) and its sign-in links expired more than a day
// ago; a session of today stays.
func TestRetentionDropsEndedSessions(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	now := time.Now()
	m := statisticsMember(t, st, now)
	for _, at := range []time.Time{now.Add(-49 * time.Hour), now} {
		token, err := staff.IssueWebLogin(ctx, st, m.ID, at)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.RedeemWebLogin(ctx, staff.HashCode(token), []byte(at.String()), at.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.DeleteInactive(ctx, now.AddDate(0, 0, -30)); err != nil {
		t.Fatal(err)
	}
	var sessions, links int
	if err := st.db.GetContext(ctx, &sessions, `SELECT count(*) FROM web_sessions`); err != nil {
		t.Fatal(err)
	}
	if err := st.db.GetContext(ctx, &links, `SELECT count(*) FROM web_logins`); err != nil {
		t.Fatal(err)
	}
	if sessions != 1 || links != 1 {
		t.Errorf("after the retention: %d sessions, %d sign-in links; want today's one of each", sessions, links)
	}
}

// statisticsMember makes a statistics account through an invitation, at now.
func statisticsMember(t *testing.T, st *Store, now time.Time) staff.Member {
	t.Helper()
	ctx := context.Background()
	code, err := staff.Invite(ctx, st, staff.Invitation{Role: staff.RoleStatistics}, now)
	if err != nil {
		t.Fatal(err)
	}
	m, err := st.RedeemInvitation(ctx, staff.HashCode(code), 5, "Stat", now)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
