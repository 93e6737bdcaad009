package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/staff"
)

// TestEveryRouteChecksTheRole: each page, for each role and for a browser without a session:
// what the role may do answers, the rest is refused with 403 (and nothing is changed), and
// without a session everything goes to the sign-in page. A counsellor is bound to mbe-a only.
func TestEveryRouteChecksTheRole(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	roles := map[string]*browser{
		"counsellor": e.signIn(t, e.member(t, 1, staff.RoleCounsellor, "mbe-a")),
		"statistics": e.signIn(t, e.member(t, 2, staff.RoleStatistics)),
		"admin":      e.signIn(t, e.member(t, 3, staff.RoleAdmin)),
		"nobody":     e.browser(t),
	}
	victim := e.member(t, 4, staff.RoleCounsellor, "mbe-b")
	const ok, no, out = http.StatusOK, http.StatusForbidden, http.StatusSeeOther
	cases := []struct {
		method, path string
		want         map[string]int // by role; "nobody" is always sent to sign in
		form         url.Values     // what a POST sends
	}{
		{"GET", "/staff/", map[string]int{"counsellor": ok, "statistics": ok, "admin": ok}, nil},
		{"GET", "/staff/stats", map[string]int{"counsellor": no, "statistics": ok, "admin": ok}, nil},
		{"GET", "/staff/stats.csv?period=7d", map[string]int{"counsellor": no, "statistics": ok, "admin": ok}, nil},
		{"GET", "/staff/offices", map[string]int{"counsellor": no, "statistics": no, "admin": ok}, nil},
		{"GET", "/staff/offices/mbe-a", map[string]int{"counsellor": ok, "statistics": no, "admin": ok}, nil},
		{"GET", "/staff/offices/mbe-b", map[string]int{"counsellor": no, "statistics": no, "admin": ok}, nil},
		{"GET", "/staff/offices/nowhere", map[string]int{"counsellor": no, "statistics": no, "admin": http.StatusNotFound}, nil},
		{"POST", "/staff/offices/mbe-b/confirm", map[string]int{"counsellor": no, "statistics": no, "admin": out}, nil},
		{"POST", "/staff/offices/mbe-a/archive", map[string]int{"counsellor": no, "statistics": no, "admin": out}, nil},
		{"GET", "/staff/audit", map[string]int{"counsellor": no, "statistics": no, "admin": ok}, nil},
		{"GET", "/staff/import", map[string]int{"counsellor": no, "statistics": no, "admin": ok}, nil},
		{"GET", "/staff/people", map[string]int{"counsellor": no, "statistics": no, "admin": ok}, nil},
		{"POST", "/staff/people/invite", map[string]int{"counsellor": no, "statistics": no, "admin": http.StatusBadRequest}, nil},
		{"POST", "/staff/people/invitations/00/withdraw", map[string]int{"counsellor": no, "statistics": no, "admin": http.StatusNotFound}, nil},
		{"GET", "/staff/people/" + strconv.FormatInt(victim.ID, 10) + "/revoke", map[string]int{"counsellor": no, "statistics": no, "admin": ok}, nil},
		{"POST", "/staff/people/" + strconv.FormatInt(victim.ID, 10) + "/revoke", map[string]int{"counsellor": no, "statistics": no, "admin": out}, url.Values{"confirm": {"1"}}},
	}
	for _, c := range cases {
		for _, role := range []string{"nobody", "counsellor", "statistics", "admin"} {
			b := roles[role]
			b.get("/staff/") // a fresh form token
			var status int
			if c.method == "GET" {
				status, _ = b.get(c.path)
			} else {
				form := url.Values{}
				for k, v := range c.form {
					form[k] = v
				}
				status, _, _ = b.post(c.path, form)
			}
			want := c.want[role]
			if role == "nobody" {
				want = out
			}
			if status != want {
				t.Errorf("%s %s as %s: %d, want %d", c.method, c.path, role, status, want)
			}
			if role == "nobody" && b.lastLocation != "/staff/login" {
				t.Errorf("%s %s without a session went to %q", c.method, c.path, b.lastLocation)
			}
		}
	}
	o, err := e.st.Office(context.Background(), "mbe-b")
	if err != nil {
		t.Fatal(err)
	}
	if o.ConfirmedAt == nil {
		t.Error("the admin's confirmation of mbe-b was not stored")
	}
	if m, _ := e.st.StaffMember(context.Background(), victim.ID); m.RevokedAt == nil {
		t.Error("the admin's revocation was not stored")
	}
}

// TestCounsellorCannotTouchAnotherOffice: a counsellor bound to mbe-a can neither open nor
// change mbe-b, whatever the form says; the refusal changes nothing.
func TestCounsellorCannotTouchAnotherOffice(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.signIn(t, e.member(t, 1, staff.RoleCounsellor, "mbe-a"))
	if status, body := b.get("/staff/offices/mbe-b"); status != http.StatusForbidden || !strings.Contains(body, "not allowed to see this page") || strings.Contains(body, "MBE Süd") {
		t.Errorf("another office's form answered %d:\n%s", status, body)
	}
	b.get("/staff/offices/mbe-a")
	status, _, _ := b.post("/staff/offices/mbe-b", url.Values{"name": {"Taken over"}, "kind": {"mbe"}, "phone": {"0561 999999"}, "action": {"save"}})
	if status != http.StatusForbidden {
		t.Errorf("saving another office's form answered %d", status)
	}
	o, err := e.st.Office(context.Background(), "mbe-b")
	if err != nil {
		t.Fatal(err)
	}
	if o.Name != "MBE Süd" || o.Phone != "0561 222222" {
		t.Errorf("another office was changed: %+v", o)
	}
}

// TestLanguageSwitch: the console speaks German or English, chosen by the browser or the
// switch, which returns to the page it was used on and never leaves the console.
func TestLanguageSwitch(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.signIn(t, e.member(t, 1, staff.RoleAdmin))
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+"/staff/stats", nil)
	req.Header.Set("Accept-Language", "de-DE,de;q=0.9,en;q=0.5")
	if _, body := b.do(req); !strings.Contains(body, "Nutzungsstatistik") || !strings.Contains(body, `lang="de"`) {
		t.Errorf("a German browser did not get German:\n%s", body)
	}
	if status, _ := b.get("/staff/lang?to=de&back=" + url.QueryEscape("/staff/offices?kind=mbe")); status != http.StatusSeeOther || b.lastLocation != "/staff/offices?kind=mbe" {
		t.Errorf("the switch answered %d to %q", status, b.lastLocation)
	}
	if _, body := b.get("/staff/offices"); !strings.Contains(body, "Verzeichnis") || !strings.Contains(body, "Abmelden") {
		t.Errorf("the chosen language was not kept:\n%s", body)
	}
	for _, back := range []string{"//evil.example/staff/", "https://evil.example/", "/staff/\\evil", "/elsewhere",
		"/staff/..//evil.example", "/staff/../\x00//evil.example", "/staff/\t/offices", "/staff/%0d%0aSet-Cookie:x=1", "/staff/%2e%2e/%2e%2e/evil", "/staff/%5c%5cevil.example"} {
		b.get("/staff/lang?to=en&back=" + url.QueryEscape(back))
		if b.lastLocation != "/staff/" {
			t.Errorf("back=%q led to %q", back, b.lastLocation)
		}
	}
	b.get("/staff/lang?to=en&back=" + url.QueryEscape("/staff/offices/../audit?office=mbe-a"))
	if b.lastLocation != "/staff/audit?office=mbe-a" {
		t.Errorf("a path with dot segments led to %q", b.lastLocation)
	}
	// A link on another site does not choose the language.
	req, _ = http.NewRequest(http.MethodGet, e.srv.URL+"/staff/lang?to=de&back=%2Fstaff%2F", nil)
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	b.do(req)
	if _, body := b.get("/staff/offices"); strings.Contains(body, "Verzeichnis") {
		t.Error("a cross-site link chose German")
	}
}
