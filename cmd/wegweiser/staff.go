package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/store"
)

// listFlag collects a repeated flag (--office A --office B).
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func (e *env) staff(ctx context.Context, args []string) error {
	sub, fs, ok := e.subcommand("staff", args)
	if !ok {
		return exitError{2}
	}
	role := fs.String("role", "", "counsellor, admin or statistics")
	var offices listFlag
	fs.Var(&offices, "office", "office id a counsellor is bound to (repeatable)")
	if err := fs.Parse(args[1:]); err != nil {
		return exitError{2}
	}
	st, err := e.openStore(ctx, false)
	if err != nil {
		return err
	}
	defer st.Close()
	switch {
	case sub == "invite" && fs.NArg() == 0:
		r := staff.Role(*role)
		if !r.Valid() {
			return fmt.Errorf("staff invite: --role must be counsellor, admin or statistics")
		}
		if r == staff.RoleCounsellor && len(offices) == 0 {
			return fmt.Errorf("staff invite: a counsellor needs at least one --office")
		}
		code, err := staff.Invite(ctx, st, staff.Invitation{Role: r, Offices: offices, By: commandActor("staff invite")}, time.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "invitation code (works once, for 7 days): %s%s\n", staff.InvitePrefix, code)
		if link := inviteLink(e.botUsername(ctx), staff.InvitePrefix+code); link != "" {
			fmt.Fprintf(e.stdout, "link: %s\n", link)
			return nil
		}
		fmt.Fprintf(e.stdout, "no link: the bot's username is not known (set TELEGRAM_BOT_USERNAME, or TELEGRAM_BOT_TOKEN to ask Telegram).\n"+
			"The person opens the bot in Telegram and sends it:\n/start %s%s\n", staff.InvitePrefix, code)
		return nil
	case sub == "list" && fs.NArg() == 0:
		members, err := st.ListStaff(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, "id\trole\tname\toffices\tsince\trevoked")
		for _, m := range members {
			revoked := ""
			if m.RevokedAt != nil {
				revoked = m.RevokedAt.Format(time.DateOnly)
			}
			fmt.Fprintf(e.stdout, "%d\t%s\t%s\t%s\t%s\t%s\n", m.ID, m.Role, m.Name, strings.Join(m.Offices, ","), m.CreatedAt.Format(time.DateOnly), revoked)
		}
		return nil
	case sub == "revoke" && fs.NArg() == 1:
		id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
		if err != nil {
			return fmt.Errorf("staff revoke: %q is not a staff id (see `wegweiser staff list`)", fs.Arg(0))
		}
		if err := st.RevokeStaff(ctx, commandActor("staff revoke"), id); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "staff #%d revoked\n", id)
		return nil
	}
	fmt.Fprint(e.stderr, usage)
	return exitError{2}
}

func (e *env) audit(ctx context.Context, args []string) error {
	fs := e.flags("audit")
	office := fs.String("office", "", "only this office")
	since := fs.String("since", "", "only changes since this date (YYYY-MM-DD)")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		return exitError{2}
	}
	var from time.Time
	if *since != "" {
		d, err := directory.ParseDate(*since)
		if err != nil {
			return fmt.Errorf("audit: --since must be a date YYYY-MM-DD")
		}
		from = *d
	}
	var entries []staff.AuditEntry
	err := e.withStore(ctx, false, func(st *store.Store) (err error) {
		entries, err = st.Audit(ctx, *office, from, 0)
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "time\tactor\toffice\tfield\told\tnew")
	for _, a := range entries {
		fmt.Fprintf(e.stdout, "%s\t%s\t%s\t%s\t%q\t%q\n", a.At.UTC().Format(time.RFC3339), a.Actor, a.OfficeID, a.Field, a.Old, a.New)
	}
	return nil
}

// commandActor names a command of this program in the audit log, as the actor of the access
// changes it makes (an invitation, a revocation): no staff member makes them.
func commandActor(cmd string) staff.Actor { return staff.Actor{Label: "wegweiser " + cmd} }
