package main

import (
	"strings"
	"testing"

	"github.com/kassel/wegweiser/internal/telegram"
)

// TestConfigChecks: bad settings are refused by configFromEnv or checkServe, before any
// database is opened (no DATABASE_URL is set here).
func TestConfigChecks(t *testing.T) {
	good := map[string]string{"TELEGRAM_BOT_TOKEN": "1:x", "WEGWEISER_SECRET": "0123456789abcdef"}
	cases := []struct {
		name string
		env  map[string]string
		want string // part of the error; "" for none
	}{
		{"polling", good, ""},
		{"no token", map[string]string{"WEGWEISER_SECRET": "0123456789abcdef"}, "TELEGRAM_BOT_TOKEN"},
		{"short secret", map[string]string{"TELEGRAM_BOT_TOKEN": "1:x", "WEGWEISER_SECRET": "short"}, "WEGWEISER_SECRET"},
		{"webhook without secret", with(good, "WEBHOOK_URL", "https://bot.example.org/hook"), "WEBHOOK_SECRET"},
		{"webhook over http", with(with(good, "WEBHOOK_URL", "http://bot.example.org/hook"), "WEBHOOK_SECRET", "0123456789abcdef"), "https://"},
		{"webhook", with(with(good, "WEBHOOK_URL", "https://bot.example.org/hook"), "WEBHOOK_SECRET", "0123456789abcdef"), ""},
		{"retention not a number", with(good, "RETENTION_DAYS", "ten"), "RETENTION_DAYS must be a number from 1 to 3650"},
		{"retention too long", with(good, "RETENTION_DAYS", "3651"), "RETENTION_DAYS"},
		{"connections out of range", with(good, "WEBHOOK_MAX_CONNECTIONS", "0"), "WEBHOOK_MAX_CONNECTIONS must be a number from 1 to 100"},
		{"unknown state", with(good, "WEGWEISER_STATE", "Hessen"), "WEGWEISER_STATE: holiday: unknown German state"},
		{"state", with(good, "WEGWEISER_STATE", "by"), ""},
		{"area file missing", with(good, "WEGWEISER_AREA_FILE", "/nonexistent/area.json"), "WEGWEISER_AREA_FILE"},
		{"flood limit off", with(good, "FLOOD_LIMIT", "OFF"), ""},
		{"flood limit", with(good, "FLOOD_LIMIT", "60/30"), ""},
		{"flood limit without burst", with(good, "FLOOD_LIMIT", "60"), "FLOOD_LIMIT must be off or PER_MINUTE/BURST"},
		{"flood limit of none", with(good, "FLOOD_LIMIT", "0/20"), "FLOOD_LIMIT"},
		{"flood limit not a number", with(good, "FLOOD_LIMIT", "many/20"), "FLOOD_LIMIT"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := configFromEnv(func(k string) string { return c.env[k] })
			if err == nil {
				err = cfg.checkServe()
			}
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Fatalf("error = %v, want one naming %q", err, c.want)
			}
		})
	}
}

func TestConfigDefaults(t *testing.T) {
	cfg, err := configFromEnv(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.RetentionDays != 30 || cfg.MaxConnections != 40 || cfg.ListenAddr != ":8080" || cfg.LogLevel != "info" || cfg.Holidays != nil ||
		cfg.Flood != telegram.DefaultFlood {
		t.Fatalf("defaults: %+v", cfg)
	}
}

// TestFloodLimitSetting: FLOOD_LIMIT sets the per-chat limit serve hands the adapter.
func TestFloodLimitSetting(t *testing.T) {
	for v, want := range map[string]telegram.FloodPolicy{
		"off":     telegram.NoFloodLimit,
		" 60/30 ": {PerMinute: 60, Burst: 30, MaxChats: telegram.DefaultFlood.MaxChats},
		"30/20":   telegram.DefaultFlood,
	} {
		cfg, err := configFromEnv(func(k string) string {
			if k == "FLOOD_LIMIT" {
				return v
			}
			return ""
		})
		if err != nil || cfg.Flood != want {
			t.Errorf("FLOOD_LIMIT=%q: %+v, %v; want %+v", v, cfg.Flood, err, want)
		}
	}
}

func with(env map[string]string, k, v string) map[string]string {
	out := map[string]string{k: v}
	for key, val := range env {
		if key != k {
			out[key] = val
		}
	}
	return out
}
