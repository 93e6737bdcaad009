package conversation

import (
	"regexp"
	"strings"
)

// Start links: https://t.me/<bot>?start=<payload> sends "/start <payload>". A payload names a
// shipped language ("ar"), a campaign tag ("flyer-rathaus"), or both, the language first
// ("ar-flyer-rathaus"). The tag is counted, anonymously, with the conversation's start; a tag
// that begins with a language's code and a hyphen is read as that language and the rest.

// campaignTag is what a tag may be: lower-case letters, digits and hyphens, 1 to 32 of them,
// so that the statistics' dimension stays bounded.
var campaignTag = regexp.MustCompile(`^[a-z0-9-]{1,32}$`)

// ValidTag reports whether tag may name a campaign.
func ValidTag(tag string) bool { return campaignTag.MatchString(tag) }

// startPayload reads a /start payload into a shipped language and a campaign tag, each ""
// when the payload has none (or an invalid tag).
func (e *Engine) startPayload(payload string) (lang, tag string) {
	payload = strings.TrimSpace(payload)
	if l, ok := e.shipped(payload); ok {
		return l, ""
	}
	for _, l := range e.Langs.List() {
		if rest, ok := cutPrefixFold(payload, l.Tag+"-"); ok {
			if rest = strings.ToLower(rest); ValidTag(rest) {
				return l.Tag, rest
			}
			return l.Tag, ""
		}
	}
	if t := strings.ToLower(payload); ValidTag(t) {
		return "", t
	}
	return "", ""
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) > len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return "", false
}

// startDims are the dimensions of a started event: the language greeted in, how the
// conversation started, and the campaign tag of its link if any.
func startDims(lang, source, tag string) []string {
	dims := []string{"lang", lang, "source", source}
	if tag != "" {
		dims = append(dims, "tag", tag)
	}
	return dims
}
