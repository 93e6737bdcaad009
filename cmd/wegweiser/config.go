package main

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/kassel/wegweiser/internal/area"
	"github.com/kassel/wegweiser/internal/holiday"
	"github.com/kassel/wegweiser/internal/telegram"
)

// config is the whole configuration, read once from the environment.
type config struct {
	DatabaseURL    string
	TelegramToken  string
	TelegramAPIURL string
	BotUsername    string // for staff invitation links; asked from Telegram when empty
	LogLevel       string
	Secret         string // keys the hashes that stand in for chat ids
	Operator       string // who is responsible for the service, named in /privacy
	RetentionDays  int    // inactive conversations are deleted after this many days
	WebhookURL     string // webhook mode when set
	WebhookSecret  string
	MaxConnections int
	ListenAddr     string // health, readiness, metrics, the webhook and the staff console
	// WebURL is the staff console's address as browsers reach it (WEB_URL), for sign-in
	// links; by default http://localhost on LISTEN_ADDR's port.
	WebURL string
	// Holidays are the public holidays of WEGWEISER_STATE, the German state of the offices:
	// they are closed on them whatever their opening hours say. nil: the state of the area
	// in use (app.AreaHolidays).
	Holidays *holiday.Calendar
	// Area, read from the file WEGWEISER_AREA_FILE names, fixes the served area instead of
	// the one stored with the directory; nil: the stored one.
	Area *area.Area
	// Flood is the per-chat flood limit (FLOOD_LIMIT): telegram.DefaultFlood unless set.
	Flood telegram.FloodPolicy
}

func configFromEnv(getenv func(string) string) (config, error) {
	c := config{
		DatabaseURL:    getenv("DATABASE_URL"),
		TelegramToken:  getenv("TELEGRAM_BOT_TOKEN"),
		TelegramAPIURL: orDefault(getenv("TELEGRAM_API_URL"), "https://api.telegram.org"),
		BotUsername:    getenv("TELEGRAM_BOT_USERNAME"),
		LogLevel:       orDefault(getenv("LOG_LEVEL"), "info"),
		Secret:         getenv("WEGWEISER_SECRET"),
		Operator:       orDefault(getenv("WEGWEISER_OPERATOR"), "Wegweiser"),
		WebhookURL:     getenv("WEBHOOK_URL"),
		WebhookSecret:  getenv("WEBHOOK_SECRET"),
		ListenAddr:     orDefault(getenv("LISTEN_ADDR"), ":8080"),
		WebURL:         getenv("WEB_URL"),
	}
	var err error
	if c.MaxConnections, err = intEnv(getenv, "WEBHOOK_MAX_CONNECTIONS", 40, 1, 100); err != nil {
		return c, err
	}
	if c.RetentionDays, err = intEnv(getenv, "RETENTION_DAYS", 30, 1, 3650); err != nil {
		return c, err
	}
	if state := getenv("WEGWEISER_STATE"); state != "" {
		if c.Holidays, err = holiday.ForState(state); err != nil {
			return c, fmt.Errorf("WEGWEISER_STATE: %w", err)
		}
	}
	if c.Area, err = readAreaFile(getenv("WEGWEISER_AREA_FILE")); err != nil {
		return c, fmt.Errorf("WEGWEISER_AREA_FILE: %w", err)
	}
	if c.WebURL, err = webURL(c.WebURL, c.ListenAddr); err != nil {
		return c, err
	}
	if c.Flood, err = floodEnv(getenv("FLOOD_LIMIT")); err != nil {
		return c, err
	}
	return c, nil
}

// floodEnv reads FLOOD_LIMIT: "PER_MINUTE/BURST" (updates a chat may send a minute, after
// that many in a row), or "off" for no limit (a load test whose scripted users send far
// faster than people type); unset, telegram.DefaultFlood.
func floodEnv(v string) (telegram.FloodPolicy, error) {
	p := telegram.DefaultFlood
	switch v = strings.TrimSpace(v); {
	case v == "":
		return p, nil
	case strings.EqualFold(v, "off"):
		return telegram.NoFloodLimit, nil
	}
	bad := fmt.Errorf("FLOOD_LIMIT must be off or PER_MINUTE/BURST with whole numbers from 1 to 100000 (default %d/%d), not %q",
		p.PerMinute, p.Burst, v)
	perMinute, burst, ok := strings.Cut(v, "/")
	if !ok {
		return p, bad
	}
	var err error
	if p.PerMinute, err = strconv.Atoi(strings.TrimSpace(perMinute)); err != nil || p.PerMinute < 1 || p.PerMinute > 100000 {
		return telegram.DefaultFlood, bad
	}
	if p.Burst, err = strconv.Atoi(strings.TrimSpace(burst)); err != nil || p.Burst < 1 || p.Burst > 100000 {
		return telegram.DefaultFlood, bad
	}
	return p, nil
}

// checkServe checks the settings serve needs, before anything is opened: a bad setting
// fails at once with what to do, not after the database is reached.
func (c *config) checkServe() error {
	if c.TelegramToken == "" {
		return errors.New("serve: TELEGRAM_BOT_TOKEN is not set (without it, `make run` starts the terminal chat)")
	}
	if len(c.Secret) < 16 {
		return errors.New("serve: WEGWEISER_SECRET must be set to a random string of at least 16 characters")
	}
	if c.WebhookURL == "" {
		return nil
	}
	if len(c.WebhookSecret) < 16 {
		return errors.New("serve: with WEBHOOK_URL, WEBHOOK_SECRET must be set to a random string of at least 16 characters (A-Z, a-z, 0-9, _ and -)")
	}
	if _, err := c.webhookPath(); err != nil {
		return err
	}
	return nil
}

// webhookPath is the path of WEBHOOK_URL, which must be an https URL.
func (c *config) webhookPath() (string, error) {
	u, err := url.Parse(c.WebhookURL)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return "", errors.New("serve: WEBHOOK_URL must be an https:// URL")
	}
	if u.Path == "" {
		return "/", nil
	}
	return u.Path, nil
}

// intEnv reads a whole number from name, def when unset, refused outside min..max.
func intEnv(getenv func(string) string, name string, def, min, max int) (int, error) {
	v := getenv(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < min || n > max {
		return def, fmt.Errorf("%s must be a number from %d to %d, not %q", name, min, max, v)
	}
	return n, nil
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
