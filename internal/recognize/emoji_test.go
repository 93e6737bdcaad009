package recognize

import (
	"slices"
	"testing"

	"github.com/kassel/wegweiser/internal/directory"
)

func TestEmojiTopics(t *testing.T) {
	for text, want := range map[string][]directory.Topic{
		"🏠❓":            {"housing"},
		"💶 jobcenter 😢": {"money"},
		"✉️📄 🏠":         {"letters", "housing"}, // in the order they stand, each once; a variation selector changes nothing
		"🏚️":            {"housing"},
		"❤️ 🇩🇪 🔑 🙏":     nil,
		"no pictures":   nil,
	} {
		if got := EmojiTopics(text); !slices.Equal(got, want) {
			t.Errorf("EmojiTopics(%q) = %q, want %q", text, got, want)
		}
	}
}
