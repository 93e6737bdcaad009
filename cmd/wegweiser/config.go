package main

// config is the whole configuration, read once from the environment.
type config struct {
	DatabaseURL    string
	TelegramToken  string
	TelegramAPIURL string
	LogLevel       string
}

func configFromEnv(getenv func(string) string) config {
	c := config{
		DatabaseURL:    getenv("DATABASE_URL"),
		TelegramToken:  getenv("TELEGRAM_BOT_TOKEN"),
		TelegramAPIURL: getenv("TELEGRAM_API_URL"),
		LogLevel:       getenv("LOG_LEVEL"),
	}
	if c.TelegramAPIURL == "" {
		c.TelegramAPIURL = "https://api.telegram.org"
	}
	if c.LogLevel == "" {
		c.LogLevel = "info"
	}
	return c
}
