package tgfake

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// What the bot sets about itself: command menus by scope and language, descriptions and short
// descriptions by language. Like Telegram, get* answers exactly what was set for that scope
// and language_code (an empty list or text when nothing was), without falling back.

// ScopeDefault is the key of the default command scope, the one used when a request names
// none; ScopeChat gives the key of one chat's scope. MyCommands takes these keys.
const ScopeDefault = "default"

// ScopeChat is the key of the scope {"type":"chat","chat_id":chatID}.
func ScopeChat(chatID int64) string { return "chat:" + strconv.FormatInt(chatID, 10) }

// Telegram's limits.
const (
	maxDescription      = 512
	maxShortDescription = 120
	maxCommands         = 100
	maxCommandText      = 256
)

type profile struct {
	commands     map[string][]models.BotCommand // by scope key + "|" + language_code
	descriptions map[string]string              // by language_code
	shorts       map[string]string              // by language_code
}

func newProfile() profile {
	return profile{commands: map[string][]models.BotCommand{}, descriptions: map[string]string{}, shorts: map[string]string{}}
}

// MyCommands returns the command menu set for a scope (ScopeDefault, ScopeChat(id)) and
// language_code ("" for all languages), or nil.
func (s *Server) MyCommands(scope, lang string) []models.BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.profile.commands[scope+"|"+lang])
}

// MyDescription returns the description set for a language_code ("" for all languages).
func (s *Server) MyDescription(lang string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.profile.descriptions[lang]
}

// MyShortDescription returns the short description set for a language_code.
func (s *Server) MyShortDescription(lang string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.profile.shorts[lang]
}

var languageCode = regexp.MustCompile(`^[a-z]{2}$`)

// profileKey reads the language_code (empty, or two lower-case letters as Telegram wants)
// and, when scoped is set, the scope of a request, into the key of a command menu.
func profileKey(p map[string]string, scoped bool) (string, *Fault) {
	lang := p["language_code"]
	if lang != "" && !languageCode.MatchString(lang) {
		return "", badRequest("invalid language code specified")
	}
	if !scoped {
		return lang, nil
	}
	scope, fault := scopeKey(p["scope"])
	if fault != nil {
		return "", fault
	}
	return scope + "|" + lang, nil
}

// scopeKey validates a BotCommandScope given as JSON ("" is the default scope).
func scopeKey(raw string) (string, *Fault) {
	if raw == "" {
		return ScopeDefault, nil
	}
	var sc struct {
		Type   string          `json:"type"`
		ChatID json.RawMessage `json:"chat_id"`
		UserID int64           `json:"user_id"`
	}
	if err := json.Unmarshal([]byte(raw), &sc); err != nil {
		return "", badRequest("can't parse BotCommandScope JSON object")
	}
	switch sc.Type {
	case "default", "all_private_chats", "all_group_chats", "all_chat_administrators":
		return sc.Type, nil
	case "chat", "chat_administrators", "chat_member":
		var id int64
		if err := json.Unmarshal(sc.ChatID, &id); err != nil || id == 0 {
			return "", badRequest("chat not found")
		}
		key := "chat:" + strconv.FormatInt(id, 10)
		if sc.Type == "chat_administrators" {
			key = "admins:" + strconv.FormatInt(id, 10)
		} else if sc.Type == "chat_member" {
			key += ":" + strconv.FormatInt(sc.UserID, 10)
		}
		return key, nil
	}
	return "", badRequest("wrong BotCommandScope type specified")
}

func handleSetMyCommands(s *Server, p map[string]string, _ map[string][]byte, _ map[string]string) (any, *Fault) {
	var commands []models.BotCommand
	if err := json.Unmarshal([]byte(p["commands"]), &commands); err != nil {
		return nil, badRequest("can't parse commands JSON object")
	}
	if len(commands) > maxCommands {
		return nil, badRequest("too many commands specified")
	}
	for _, c := range commands {
		if !validCommand(c.Command) || c.Description == "" || utf8.RuneCountInString(c.Description) > maxCommandText {
			return nil, badRequest("BOT_COMMAND_INVALID")
		}
	}
	key, fault := profileKey(p, true)
	if fault != nil {
		return nil, fault
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(commands) == 0 {
		delete(s.profile.commands, key)
	} else {
		s.profile.commands[key] = commands
	}
	return true, nil
}

func handleGetMyCommands(s *Server, p map[string]string, _ map[string][]byte, _ map[string]string) (any, *Fault) {
	key, fault := profileKey(p, true)
	if fault != nil {
		return nil, fault
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := slices.Clone(s.profile.commands[key])
	if out == nil {
		out = []models.BotCommand{}
	}
	return out, nil
}

func handleDeleteMyCommands(s *Server, p map[string]string, _ map[string][]byte, _ map[string]string) (any, *Fault) {
	key, fault := profileKey(p, true)
	if fault != nil {
		return nil, fault
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.profile.commands, key)
	return true, nil
}

// setText stores a description (or removes it when empty) after checking its length.
func (s *Server) setText(into map[string]string, p map[string]string, field string, limit int) (any, *Fault) {
	if utf8.RuneCountInString(p[field]) > limit {
		return nil, badRequest(field + " is too long")
	}
	lang, fault := profileKey(p, false)
	if fault != nil {
		return nil, fault
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if p[field] == "" {
		delete(into, lang)
	} else {
		into[lang] = p[field]
	}
	return true, nil
}

func (s *Server) getText(from map[string]string, p map[string]string) (string, *Fault) {
	lang, fault := profileKey(p, false)
	if fault != nil {
		return "", fault
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return from[lang], nil
}

func handleSetMyDescription(s *Server, p map[string]string, _ map[string][]byte, _ map[string]string) (any, *Fault) {
	return s.setText(s.profile.descriptions, p, "description", maxDescription)
}

func handleGetMyDescription(s *Server, p map[string]string, _ map[string][]byte, _ map[string]string) (any, *Fault) {
	d, fault := s.getText(s.profile.descriptions, p)
	if fault != nil {
		return nil, fault
	}
	return models.BotDescription{Description: d}, nil
}

func handleSetMyShortDescription(s *Server, p map[string]string, _ map[string][]byte, _ map[string]string) (any, *Fault) {
	return s.setText(s.profile.shorts, p, "short_description", maxShortDescription)
}

func handleGetMyShortDescription(s *Server, p map[string]string, _ map[string][]byte, _ map[string]string) (any, *Fault) {
	d, fault := s.getText(s.profile.shorts, p)
	if fault != nil {
		return nil, fault
	}
	return models.BotShortDescription{ShortDescription: d}, nil
}
