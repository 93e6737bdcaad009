package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/kassel/wegweiser/internal/console"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/store"
	"github.com/kassel/wegweiser/internal/web"
)

// webURL checks WEB_URL, or makes the default from LISTEN_ADDR's port: the console's address,
// whose path is /staff/.
func webURL(raw, listen string) (string, error) {
	if raw == "" {
		_, port, err := net.SplitHostPort(listen)
		if err != nil {
			return "", fmt.Errorf("LISTEN_ADDR must be host:port, not %q", listen)
		}
		return "http://localhost:" + port + web.Prefix, nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" {
		return "", fmt.Errorf("WEB_URL must be the console's http(s) address, e.g. https://bot.example.org%s", web.Prefix)
	}
	if u.Path != web.Prefix {
		return "", fmt.Errorf("WEB_URL must end in %s, the path the console is served under (a proxy in front must keep it)", web.Prefix)
	}
	return u.String(), nil
}

// webLink is the sign-in link of a token.
func (c *config) webLink(token string) string { return c.WebURL + "login?t=" + url.QueryEscape(token) }

// webConsole is the staff console on st, as serve and console --web mount it.
func (e *env) webConsole(st *store.Store, cat *i18n.Catalog, inviteLink func(string) string) (*web.Server, error) {
	return web.New(web.Options{Store: st, Catalog: cat, Zone: officesZone, Languages: i18n.Shipped,
		InviteLink: inviteLink, Near: e.near(), Secure: strings.HasPrefix(e.cfg.WebURL, "https://"), Log: e.log})
}

// serveConsole serves the staff console beside the terminal chat (console --web) on WEB_URL's
// host and port until ctx ends. A port in use is reported and the chat goes on without it.
func (e *env) serveConsole(ctx context.Context, st *store.Store, cat *i18n.Catalog) {
	w, err := e.webConsole(st, cat, func(p string) string { return inviteLink(e.botUsername(ctx), p) })
	if err != nil {
		e.log.Error("staff console not served", "err", err)
		return
	}
	u, _ := url.Parse(e.cfg.WebURL)
	ln, err := net.Listen("tcp", u.Host)
	if err != nil {
		e.log.Warn("staff console not served: its address is taken (set WEB_URL)", "addr", u.Host, "err", err)
		return
	}
	srv := httpServer(w)
	go func() { _ = srv.Serve(ln) }()
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	fmt.Fprintf(e.stderr, "Staff console: %s (as staff, type /web for a sign-in link)\n", e.cfg.WebURL)
}

// webLinkCommand prints a one-time sign-in link for the staff console: for the local
// administrator (the console's user, made an admin on first use) or for a staff account.
func (e *env) webLinkCommand(ctx context.Context, args []string) error {
	fs := e.flags("web-link")
	admin := fs.Bool("admin", false, "for the local administrator (the console's user; created if missing)")
	id := fs.Int64("staff", 0, "for the staff account with this id (see `wegweiser staff list`)")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 || *admin == (*id != 0) {
		fmt.Fprintln(e.stderr, "usage: wegweiser web-link --admin | --staff ID")
		return exitError{2}
	}
	return e.withStore(ctx, true, func(st *store.Store) error {
		m, err := e.linkAccount(ctx, st, *admin, *id)
		if err != nil {
			return err
		}
		token, err := staff.IssueWebLogin(ctx, st, m.ID, time.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Staff console: %s\nSign-in link for %s (#%d, %s), works once, for 10 minutes:\n%s\n",
			e.cfg.WebURL, m.Name, m.ID, m.Role, e.cfg.webLink(token))
		return nil
	})
}

// localAdminName names the local administrator web-link --admin creates.
const localAdminName = "Local admin"

// linkAccount finds the account of a sign-in link: the staff account id, or the console
// user's, which is made an administrator through an invitation if it is no staff yet.
func (e *env) linkAccount(ctx context.Context, st *store.Store, admin bool, id int64) (staff.Member, error) {
	if !admin {
		m, err := st.StaffMember(ctx, id)
		if err == nil && m.RevokedAt != nil {
			err = fmt.Errorf("web-link: staff #%d is revoked", id)
		}
		return m, err
	}
	m, err := st.StaffByTelegramID(ctx, console.LocalUser)
	if err == nil {
		if m.Role != staff.RoleAdmin {
			return m, fmt.Errorf("web-link: the console's user is staff #%d as %s, not an admin: use --staff %d", m.ID, m.Role, m.ID)
		}
		return m, nil
	}
	if !errors.Is(err, directory.ErrNotFound) {
		return m, err
	}
	code, err := staff.Invite(ctx, st, staff.Invitation{Role: staff.RoleAdmin, By: commandActor("web-link")}, time.Now())
	if err != nil {
		return m, err
	}
	return st.RedeemInvitation(ctx, staff.HashCode(code), console.LocalUser, localAdminName, time.Now())
}
