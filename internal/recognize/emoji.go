package recognize

import (
	"slices"

	"github.com/kassel/wegweiser/internal/directory"
)

// emojiTopics are the pictures people type for a need instead of its word, or beside words
// that name none ("🏠❓", "💶 😢", "🏚️ wypowiedzenie"): a house, money, a hospital, a letter, a
// school, a briefcase. The same in every language; only pictures whose need is plain (a key, a
// flag, a person or a heart name none).
var emojiTopics = map[rune]directory.Topic{
	'🏠': "housing", '🏡': "housing", '🏘': "housing", '🏚': "housing", '🏢': "housing", '🛏': "housing",
	'💶': "money", '💰': "money", '💵': "money", '💸': "money", '💳': "money", '🧾': "money", '🪙': "money",
	'🏥': "health", '🤒': "health", '🤕': "health", '💉': "health", '🩺': "health", '🦷': "health", '🩹': "health", '🤰': "health", '💊': "health", '🚑': "health",
	'✉': "letters", '📄': "letters", '📃': "letters", '📨': "letters", '📩': "letters", '📝': "letters", '📑': "letters", '📬': "letters", '📮': "letters",
	'🎓': "education", '🏫': "education", '📚': "education", '🎒': "education",
	'💼': "work", '👷': "work", '🏭': "work", '🛠': "work", '🔧': "work",
	'👶': "family", '🍼': "family",
	'🛂': "residence", '🪪': "residence",
}

// EmojiTopics returns the topics the pictures in text name (emojiTopics), in the order they
// first stand; none for a message without such pictures.
func EmojiTopics(text string) []directory.Topic {
	var out []directory.Topic
	for _, r := range text {
		if t, ok := emojiTopics[r]; ok && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}
