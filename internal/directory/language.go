package directory

import "golang.org/x/text/language"

// languageFolds maps language codes to the key they match under: Dari (prs) is a variety of
// Persian (fa), Kurmanji (kmr) is filed under Kurdish (ku), as the shipped catalogs are.
var languageFolds = map[string]string{"prs": "fa", "kmr": "ku"}

// LanguageKey returns the key under which a BCP 47 tag matches an office's languages: its base
// language, folded as above. An office listing "fa" serves a user of "fa-AF" and vice versa.
func LanguageKey(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	base, _ := t.Base()
	key := base.String()
	if f, ok := languageFolds[key]; ok {
		return f
	}
	return key
}

// LanguageKeys returns the distinct keys of tags, in order.
func LanguageKeys(tags []string) []string {
	keys := []string{}
	seen := map[string]bool{}
	for _, t := range tags {
		if k := LanguageKey(t); !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys
}
