// Command wegweiser is the Wegweiser bot and its administration tool: one binary with
// subcommands (run `wegweiser help`). This package only parses the command line and the
// environment and wires the concrete parts together.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/kassel/wegweiser/internal/postcode"
)

const usage = `Wegweiser: guides newcomers to the right migration counselling office (JMD or MBE)
of the town or district its directory serves.

Usage: wegweiser <command> [arguments]

Commands:
  serve                      run the Telegram bot (needs TELEGRAM_BOT_TOKEN and WEGWEISER_SECRET):
                             long polling, or a webhook when WEBHOOK_URL is set; serves
                             /healthz, /readyz, /metrics and the staff console (/staff/)
                             on LISTEN_ADDR
  console [--lang TAG] [--web] [--as N] [--as-staff ID]
                             the same conversation in this terminal, reading standard input;
                             --web also serves the staff console at WEB_URL; --as N is local
                             user N (@N switches later), --as-staff ID the staff account ID
  migrate                    apply pending database migrations
  directory import [--replace] [--encoding ENC] [--area AREA] FILE
                             validate a directory CSV file and, if every row is valid, apply it
                             in one transaction (--replace archives offices missing from FILE;
                             --encoding windows-1252 reads a file not saved as UTF-8); --area
                             also sets the town or district it serves (a JSON file like
                             internal/seed/area.json: names, centre, state, postcodes)
  directory export [-o FILE] write the directory as CSV (standard output without -o)
  directory check [--encoding ENC] [--area AREA] FILE
                             validate a directory CSV file (and an area file) without touching
                             the database
  directory area             print the stored area the directory serves, as an area file
  directory generate [--offices N] [--seed N] [-o FILE]
                             write a synthetic directory of N offices (default 2000) at real
                             postcode centres all over Germany, for tests and benchmarks
  staff invite --role ROLE [--office ID]...
                             print a one-time invitation code and link (ROLE: counsellor,
                             admin or statistics; a counsellor needs an office)
  staff list                 list staff accounts
  staff revoke ID            revoke a staff account at once
  audit [--office ID] [--since YYYY-MM-DD]
                             print the audit log of directory changes
  web-link --admin | --staff ID
                             print a one-time sign-in link for the staff console (valid 10
                             minutes): for the local administrator (the console's user, made
                             an admin on first use) or a staff account; staff in Telegram
                             send /web to the bot instead
  stats [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--period 2026-Q3] [--format text|csv|csv-daily]
        [--lang de] [--chart FILE.png]
                             print the anonymous usage statistics (default: the last 30 days)
                             as the bot sends them; counts from 1 to 4 are shown as <5 (in the
                             CSV: an empty cell, flagged in the column "suppressed")
  link [--lang TAG] [--tag TAG] [--qr FILE.png]
                             print a start link (and write its QR code): --lang opens the bot
                             in that language, --tag counts the starts of a campaign (a-z, 0-9, -)
  help                       show this text

Environment:
  DATABASE_URL               PostgreSQL URL, e.g. postgres://user@127.0.0.1:5432/wegweiser
  TELEGRAM_BOT_TOKEN         the bot's token from @BotFather (serve)
  TELEGRAM_API_URL           Bot API server (default https://api.telegram.org)
  TELEGRAM_BOT_USERNAME      the bot's username, for invitation links (asked from Telegram
                             with the token when not set)
  WEGWEISER_SECRET           key for the hashes that stand in for chat ids in the database
                             and for the staff accounts' sealed Telegram ids (serve: required;
                             staff commands and web-link need it too; keep it stable, or
                             conversations start afresh and staff accounts cannot be read)
  WEGWEISER_OPERATOR         who is responsible for the service, named in /privacy and /about
  WEGWEISER_AREA_FILE        an area file that fixes the served town or district instead of the
                             one stored with the directory
  RETENTION_DAYS             delete conversations inactive this many days (default 30)
  WEGWEISER_STATE            the German state of the offices, whose public holidays they
                             are closed on: BY, HE, NW, ... (ISO 3166-2:DE); by default the
                             state of the served area
  WEBHOOK_URL                public https URL Telegram posts updates to (webhook mode)
  WEBHOOK_SECRET             secret token Telegram sends with each update (webhook mode)
  WEBHOOK_MAX_CONNECTIONS    connections Telegram may open at once (default 40)
  FLOOD_LIMIT                updates a chat may send, as PER_MINUTE/BURST (default 30/20: 20
                             in a row, then 30 a minute); off for a load test whose scripted
                             users send far faster than people type
  LISTEN_ADDR                address for /healthz, /readyz, /metrics, the webhook and the
                             staff console (default :8080)
  WEB_URL                    the staff console's address as browsers reach it, for sign-in
                             links (default http://localhost:<LISTEN_ADDR port>/staff/); an
                             https address makes its cookies Secure
  LOG_LEVEL                  debug, info (default), warn or error
`

// exitError carries the process exit code for an error already reported to the user.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	var ee exitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		os.Exit(ee.code)
	default:
		fmt.Fprintln(os.Stderr, "wegweiser:", err)
		os.Exit(1)
	}
}

// run is the single entry point: every command returns its error here.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cfg, err := configFromEnv(getenv)
	if err != nil {
		return err
	}
	logger := newLogger(stderr, cfg.LogLevel)
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitError{2}
	}
	env := &env{cfg: cfg, log: logger, stdin: stdin, stdout: stdout, stderr: stderr}
	switch args[0] {
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	case "migrate":
		return env.migrate(ctx)
	case "directory":
		return env.directory(ctx, args[1:])
	case "staff":
		return env.staff(ctx, args[1:])
	case "audit":
		return env.audit(ctx, args[1:])
	case "stats":
		return env.stats(ctx, args[1:])
	case "link":
		return env.link(ctx, args[1:])
	case "console":
		return env.console(ctx, args[1:])
	case "web-link":
		return env.webLinkCommand(ctx, args[1:])
	case "serve":
		return env.serve(ctx, args[1:])
	}
	fmt.Fprintf(stderr, "wegweiser: unknown command %q\n\n%s", args[0], usage)
	return exitError{2}
}

// env is what every command gets: configuration, logger and standard streams.
type env struct {
	cfg            config
	log            *slog.Logger
	stdin          io.Reader
	stdout, stderr io.Writer
	places         *postcode.Places // the postcodes with the served area, once openAll has read it
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: l}
	if f, ok := w.(*os.File); ok && isTerminal(f) {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
