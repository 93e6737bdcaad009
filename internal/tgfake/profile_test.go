package tgfake_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/kassel/wegweiser/internal/tgfake"
)

// TestProfileIsKeptPerScopeAndLanguage: command menus are kept per scope and language_code
// and answered exactly, without falling back to the default; deleting one leaves the others.
func TestProfileIsKeptPerScopeAndLanguage(t *testing.T) {
	fake := tgfake.New(t)
	b := newBot(t, fake)
	ctx := context.Background()
	menu := []models.BotCommand{{Command: "start", Description: "Start"}}
	deMenu := []models.BotCommand{{Command: "start", Description: "Beginnen"}}
	chatMenu := []models.BotCommand{{Command: "office", Description: "Office"}}
	must(t)(b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: menu}))
	must(t)(b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: deMenu, LanguageCode: "de"}))
	must(t)(b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: chatMenu, Scope: &models.BotCommandScopeChat{ChatID: 42}}))

	get := func(scope models.BotCommandScope, lang string) []models.BotCommand {
		t.Helper()
		got, err := b.GetMyCommands(ctx, &bot.GetMyCommandsParams{Scope: scope, LanguageCode: lang})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := get(nil, ""); !reflect.DeepEqual(got, menu) {
		t.Errorf("default = %v", got)
	}
	if got := get(&models.BotCommandScopeDefault{}, "de"); !reflect.DeepEqual(got, deMenu) {
		t.Errorf("default, de = %v", got)
	}
	if got := get(nil, "fr"); len(got) != 0 {
		t.Errorf("fr, never set = %v, want empty", got)
	}
	if got := get(&models.BotCommandScopeChat{ChatID: 42}, ""); !reflect.DeepEqual(got, chatMenu) {
		t.Errorf("chat 42 = %v", got)
	}
	if got := fake.MyCommands(tgfake.ScopeChat(42), ""); !reflect.DeepEqual(got, chatMenu) {
		t.Errorf("MyCommands(chat 42) = %v", got)
	}
	must(t)(b.DeleteMyCommands(ctx, &bot.DeleteMyCommandsParams{Scope: &models.BotCommandScopeChat{ChatID: 42}}))
	if got := fake.MyCommands(tgfake.ScopeChat(42), ""); got != nil {
		t.Errorf("after delete, chat 42 = %v", got)
	}
	if got := fake.MyCommands(tgfake.ScopeDefault, "de"); !reflect.DeepEqual(got, deMenu) {
		t.Errorf("deleting a chat's menu touched the default: %v", got)
	}
}

func TestDescriptions(t *testing.T) {
	fake := tgfake.New(t)
	b := newBot(t, fake)
	ctx := context.Background()
	must(t)(b.SetMyDescription(ctx, &bot.SetMyDescriptionParams{Description: "Long", LanguageCode: "ar"}))
	must(t)(b.SetMyShortDescription(ctx, &bot.SetMyShortDescriptionParams{ShortDescription: "Short"}))
	if d, err := b.GetMyDescription(ctx, &bot.GetMyDescriptionParams{LanguageCode: "ar"}); err != nil || d.Description != "Long" {
		t.Errorf("ar description = %q, %v", d.Description, err)
	}
	if d, err := b.GetMyDescription(ctx, &bot.GetMyDescriptionParams{}); err != nil || d.Description != "" {
		t.Errorf("default description = %q, %v; want empty", d.Description, err)
	}
	if d, err := b.GetMyShortDescription(ctx, &bot.GetMyShortDescriptionParams{}); err != nil || d.ShortDescription != "Short" {
		t.Errorf("short description = %q, %v", d.ShortDescription, err)
	}
	if fake.MyDescription("ar") != "Long" || fake.MyShortDescription("") != "Short" {
		t.Errorf("recorded %q, %q", fake.MyDescription("ar"), fake.MyShortDescription(""))
	}
	// An empty description removes it (the client leaves the empty field out).
	must(t)(b.SetMyDescription(ctx, &bot.SetMyDescriptionParams{LanguageCode: "ar"}))
	if fake.MyDescription("ar") != "" {
		t.Errorf("description not removed: %q", fake.MyDescription("ar"))
	}
}

// TestProfileRefusesWhatTelegramRefuses: language codes other than two letters, texts over
// Telegram's limits and unknown scopes are refused with 400 and change nothing.
func TestProfileRefusesWhatTelegramRefuses(t *testing.T) {
	fake := tgfake.New(t)
	b := newBot(t, fake)
	ctx := context.Background()
	menu := []models.BotCommand{{Command: "start", Description: "Start"}}
	cases := map[string]func() (bool, error){
		"language fa-AF": func() (bool, error) {
			return b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: menu, LanguageCode: "fa-AF"})
		},
		"description of 513": func() (bool, error) {
			return b.SetMyDescription(ctx, &bot.SetMyDescriptionParams{Description: strings.Repeat("é", 513)})
		},
		"short description of 121": func() (bool, error) {
			return b.SetMyShortDescription(ctx, &bot.SetMyShortDescriptionParams{ShortDescription: strings.Repeat("x", 121)})
		},
		"command text of 257": func() (bool, error) {
			return b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "start", Description: strings.Repeat("x", 257)}}})
		},
		"chat scope without a chat": func() (bool, error) {
			return b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: menu, Scope: &models.BotCommandScopeChat{}})
		},
	}
	for name, call := range cases {
		if _, err := call(); !errors.Is(err, bot.ErrorBadRequest) {
			t.Errorf("%s: err = %v, want 400", name, err)
		}
	}
	if fake.MyCommands(tgfake.ScopeDefault, "") != nil || fake.MyDescription("") != "" || fake.MyShortDescription("") != "" {
		t.Error("a refused call changed the profile")
	}
	if n := len(fake.Calls()); n != len(cases) {
		t.Errorf("%d calls recorded, want %d", n, len(cases))
	}
}

// must fails the test when a call that answers (bool, error) fails.
func must(t *testing.T) func(bool, error) {
	t.Helper()
	return func(ok bool, err error) {
		t.Helper()
		if err != nil || !ok {
			t.Fatalf("call failed: %v, %v", ok, err)
		}
	}
}
