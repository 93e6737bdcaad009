package staff

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// memStore is an in-memory Store for the fuzz target: two offices; every write is recorded.
type memStore struct {
	offices map[string]directory.Office
	writes  []string // "update <id>", "create <id>", "archive <id>", "invite", "revoke"
}

func newMemStore() *memStore {
	return &memStore{offices: map[string]directory.Office{
		"office-a": {ID: "office-a", Kind: directory.KindMBE, Name: "A", Phone: "0561 111111"},
		"office-b": {ID: "office-b", Kind: directory.KindJMD, Name: "B", Archived: true},
	}}
}

func (s *memStore) Office(_ context.Context, id string) (directory.Office, error) {
	if o, ok := s.offices[id]; ok {
		return o, nil
	}
	return directory.Office{}, directory.ErrNotFound
}

func (s *memStore) Offices(_ context.Context, archived bool) ([]directory.Office, error) {
	var out []directory.Office
	for _, id := range []string{"office-a", "office-b"} {
		if o := s.offices[id]; archived || !o.Archived {
			out = append(out, o)
		}
	}
	return out, nil
}

func (s *memStore) UpdateOffice(_ context.Context, _ Actor, o directory.Office) ([]Change, error) {
	s.writes = append(s.writes, "update "+o.ID)
	s.offices[o.ID] = o
	return []Change{{Field: "x"}}, nil
}

func (s *memStore) CreateOffice(_ context.Context, _ Actor, o directory.Office) error {
	s.writes = append(s.writes, "create "+o.ID)
	return nil
}

func (s *memStore) SetArchived(_ context.Context, _ Actor, id string, _ bool) error {
	s.writes = append(s.writes, "archive "+id)
	return nil
}

func (s *memStore) CreateInvitation(context.Context, []byte, Invitation, time.Time) error {
	s.writes = append(s.writes, "invite")
	return nil
}

func (s *memStore) StaffEnded(context.Context, int64) (bool, error) { return false, nil }

func (s *memStore) RedeemInvitation(context.Context, []byte, int64, string, time.Time) (Member, error) {
	return Member{}, ErrCodeUnknown
}

func (s *memStore) ListStaff(context.Context) ([]Member, error) {
	return []Member{{ID: 7, Role: RoleCounsellor, Name: "C"}}, nil
}

func (s *memStore) RevokeStaff(context.Context, Actor, int64) error {
	s.writes = append(s.writes, "revoke")
	return nil
}

func (s *memStore) SaveFlow(context.Context, int64, Flow) error { return nil }

func (s *memStore) Audit(context.Context, string, time.Time, int) ([]AuditEntry, error) {
	return nil, nil
}

// FuzzStaffButton: button data is read back into the code and argument it was made of, and a
// forged tap never lets a member change what their role does not allow: a statistics member
// writes nothing, a counsellor of office A (with a flow tampered to point at B, or not) writes
// only office A. A refused tap says so (staff.denied or the stale notice).
func FuzzStaffButton(f *testing.F) {
	f.Fuzz(func(t *testing.T, data string) {
		c, arg, ok := parse(data)
		if ok != strings.HasPrefix(data, codePrefix) {
			t.Fatalf("parse(%q) ok = %v", data, ok)
		}
		if ok && data != code(c) && data != code(c, arg) {
			t.Fatalf("parse(%q) = %q, %q, which make %q", data, c, arg, code(c, arg))
		}
		if !ok {
			return
		}
		members := []struct {
			m      Member
			writes func(w string) bool
		}{
			{Member{ID: 1, Role: RoleStatistics}, func(string) bool { return false }},
			{Member{ID: 2, Role: RoleCounsellor, Offices: []string{"office-a"}, Flow: Flow{Office: "office-a", Field: FieldPhone, Pending: "0561 222222"}},
				func(w string) bool { return w == "update office-a" }},
			{Member{ID: 3, Role: RoleCounsellor, Offices: []string{"office-a"}, Flow: Flow{Office: "office-b", Field: FieldNote, Pending: "x"}},
				func(w string) bool { return w == "update office-a" }},
		}
		for _, mm := range members {
			st := newMemStore()
			e := &Engine{Store: st, Now: func() time.Time { return time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC) },
				InviteLink: func(p string) string { return "https://t.me/b?start=" + p }, Languages: []string{"de", "ar"}}
			m := mm.m
			var out dialog.Output
			if err := e.choice(context.Background(), "de", &m, data, &out); err != nil {
				t.Fatalf("%s: choice(%q): %v", m.Role, data, err)
			}
			for _, w := range st.writes {
				if !mm.writes(w) {
					t.Fatalf("member %d (%s) tapped %q and the store saw %q", m.ID, m.Role, data, w)
				}
			}
			if _, known := row(c); !known && !said(out, "staff.denied") {
				t.Fatalf("the unknown code %q was not refused: %+v", data, out)
			}
		}
	})
}

func said(out dialog.Output, id string) bool {
	for _, msg := range out.Messages {
		for _, l := range msg.Lines {
			if l.ID == id {
				return true
			}
		}
	}
	return false
}
