package main

import (
	"fmt"
	"strconv"
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
	ListenAddr     string // health, readiness, metrics and the webhook
}

func configFromEnv(getenv func(string) string) (config, error) {
	c := config{
		DatabaseURL:    getenv("DATABASE_URL"),
		TelegramToken:  getenv("TELEGRAM_BOT_TOKEN"),
		TelegramAPIURL: getenv("TELEGRAM_API_URL"),
		BotUsername:    getenv("TELEGRAM_BOT_USERNAME"),
		LogLevel:       getenv("LOG_LEVEL"),
		Secret:         getenv("WEGWEISER_SECRET"),
		Operator:       getenv("WEGWEISER_OPERATOR"),
		RetentionDays:  30,
		WebhookURL:     getenv("WEBHOOK_URL"),
		WebhookSecret:  getenv("WEBHOOK_SECRET"),
		MaxConnections: 40,
		ListenAddr:     getenv("LISTEN_ADDR"),
	}
	if c.ListenAddr == "" {
		c.ListenAddr = ":8080"
	}
	if v := getenv("WEBHOOK_MAX_CONNECTIONS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			return c, fmt.Errorf("WEBHOOK_MAX_CONNECTIONS must be a number from 1 to 100, not %q", v)
		}
		c.MaxConnections = n
	}
	if c.TelegramAPIURL == "" {
		c.TelegramAPIURL = "https://api.telegram.org"
	}
	if c.LogLevel == "" {
		c.LogLevel = "info"
	}
	if c.Operator == "" {
		c.Operator = "Wegweiser Kassel"
	}
	if v := getenv("RETENTION_DAYS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 3650 {
			return c, fmt.Errorf("RETENTION_DAYS must be a number of days from 1 to 3650, not %q", v)
		}
		c.RetentionDays = n
	}
	return c, nil
}
