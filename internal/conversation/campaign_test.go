package conversation_test

import (
	"testing"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
)

// Point 16: a start link's campaign tag is counted with the start, with or without a language
// (without one, the conversation starts in the app's language, here German).
func TestCampaignStartLinks(t *testing.T) {
	e := newEngine(t, nil)
	cases := []struct {
		payload, lang string
		event         string
	}{
		{"flyer-rathaus", "de", ev(dialog.EventStarted, "lang", "de", "source", "link", "tag", "flyer-rathaus")},
		{"ar-flyer-rathaus", "ar", ev(dialog.EventStarted, "lang", "ar", "source", "link", "tag", "flyer-rathaus")},
		{"fa-AF-plakat", "fa-AF", ev(dialog.EventStarted, "lang", "fa-AF", "source", "link", "tag", "plakat")},
		{"AR-Flyer-Rathaus", "ar", ev(dialog.EventStarted, "lang", "ar", "source", "link", "tag", "flyer-rathaus")},
		{"ar", "ar", ev(dialog.EventStarted, "lang", "ar", "source", "link")},
		{"ar-this_is_no_tag", "ar", ev(dialog.EventStarted, "lang", "ar", "source", "link")},
		{"a-very-long-campaign-tag-of-more-than-32", "de", ev(dialog.EventStarted, "lang", "de", "source", "direct")},
		{"", "de", ev(dialog.EventStarted, "lang", "de", "source", "direct")},
	}
	for _, c := range cases {
		s, out := run(t, e, conversation.State{}, ins(withClient(cmd("start", c.payload), "de")))
		if got := events(out); len(got) != 1 || got[0] != c.event || s.Lang != c.lang {
			t.Errorf("/start %s: events %v, language %q; want %s, %q", c.payload, got, s.Lang, c.event, c.lang)
		}
	}
	for tag, ok := range map[string]bool{"flyer-rathaus": true, "q3": true, "Flyer": false, "a b": false, "": false, "x_y": false} {
		if conversation.ValidTag(tag) != ok {
			t.Errorf("ValidTag(%q) = %v", tag, !ok)
		}
	}
}
