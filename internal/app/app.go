// Package app assembles the conversation side of the bot from its parts: the catalogs with
// the served town, the postcodes with the served area, and the chat runner with the
// conversation and staff engines on the store.
// The commands build the bot here, and so do the tests (through package testharness), so
// that both run the same assembly.
package app

import (
	"sync"
	"time"

	"github.com/kassel/wegweiser/internal/area"
	"github.com/kassel/wegweiser/internal/chat"
	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/handover"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/postcode"
	"github.com/kassel/wegweiser/internal/seal"
	"github.com/kassel/wegweiser/internal/seed"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/store"
	"github.com/kassel/wegweiser/locales"
)

// Catalog loads the shipped catalogs and names in them the area the shipped directory serves
// (the default until a deployment stores its own: see CatalogFor).
func Catalog() (*i18n.Catalog, error) { return CatalogFor(area.NewLive(seed.KasselArea())) }

// CatalogFor is the shipped catalogs naming the area live holds, as it changes.
func CatalogFor(live *area.Live) (*i18n.Catalog, error) {
	shipped, err := Shipped()
	if err != nil {
		return nil, err
	}
	cat := shipped.Copy()
	cat.SetTown(live.NameIn)
	return cat, nil
}

// Shipped is the shipped catalogs, loaded once per process (a second or two, many under the
// race detector) and shared: what reads them may read them at the same time, and what names
// a town in them takes a Copy first, as CatalogFor does.
var Shipped = sync.OnceValues(func() (*i18n.Catalog, error) { return i18n.Load(locales.FS) })

// Settings are what one deployment (or test) chooses.
type Settings struct {
	Operator      string // who is responsible for the service, named in /privacy
	RetentionDays int    // how long inactive conversations are kept, named in /privacy
	Secret        []byte // keys the hashes that stand in for chat ids
	// Zone is where the offices are: statistics and confirmation days are days there; nil
	// means UTC.
	Zone *time.Location
	// InviteLink makes the deep link for an invitation code's /start payload.
	InviteLink func(payload string) string
	// WebLink makes the web console's sign-in link of a token (/web in the bot); nil: the
	// console is not served, and /web says so.
	WebLink func(token string) string
	// Holidays reports whether a date is a public holiday where the offices are: results say
	// they are closed then. Nil means none. Results say whether an office is open now only
	// when Zone is set.
	Holidays func(date time.Time) bool
	// Places reads typed postcodes with the served area (see NewPlaces); nil: the
	// conversation understands shared locations only.
	Places *postcode.Places
}

// ReopenPurpose is the purpose the chat ids of "tell me when it reopens" are sealed under
// (seal.New): the runner seals them, the job that sends the message opens them.
const ReopenPurpose = "reopen"

// Runner returns a chat runner on st: the conversation engine reads the directory from st
// and speaks through cat; the staff engine keeps its data and computes /stats in st and
// offers the shipped languages; the hand-over relays between newcomers and counsellors,
// sealing what it keeps with a key derived from the secret.
func Runner(st *store.Store, cat *i18n.Catalog, s Settings) *chat.Runner {
	// Matching reads the directory from memory, checked against its version at every turn
	// (read with the chat's state, or found still current when the turn is written).
	dir := directory.NewLive(st.DirectorySnapshot)
	hours := directory.Calendar{Zone: s.Zone, Holiday: s.Holidays}
	engine := &conversation.Engine{Dir: dir, Langs: cat, Operator: s.Operator, RetentionDays: s.RetentionDays,
		Now: time.Now, Hours: hours}
	if s.Places != nil {
		engine.Places = s.Places
	}
	staffEngine := &staff.Engine{Store: st, Reports: st, Now: time.Now, Zone: s.Zone, Languages: i18n.Shipped,
		InviteLink: s.InviteLink, Render: cat.Render, Says: cat.SaysOneOf, WebLink: s.WebLink}
	if s.WebLink != nil {
		staffEngine.WebLogins = st
	}
	if s.Places != nil {
		staffEngine.Near = s.Places.Table.Centre
	}
	r := chat.NewRunner(engine, staffEngine, st, s.Secret)
	r.Zone = s.Zone
	// Who is staff, and which offices have a counsellor, are known from memory too, checked
	// against the roster's version like the directory.
	r.Roster = staff.NewLiveRoster(st.StaffRoster)
	if box, err := seal.New(s.Secret, ReopenPurpose); err == nil {
		r.Reopen, r.ReopenBox, engine.Reopen = st, box, true
	}
	relay, err := handover.NewEngine(st, s.Secret, r.Key)
	if err != nil {
		return r // no secret (a misconfiguration checked before): no hand-over
	}
	relay.Cards, relay.Dir, relay.Hours, relay.Roster = staffEngine, dir, hours, r.Roster
	if s.RetentionDays > 0 {
		relay.RetentionDays = s.RetentionDays
	}
	r.Handover, engine.Contact, staffEngine.Relay = relay, relay, relay
	return r
}
