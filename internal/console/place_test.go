package console

import "testing"

// TestTranscriptPostcodeRanksByDistance: a typed postcode orders the offices (alike but for
// their position) by distance from its centre; the keyboard's Skip is a numbered choice.
func TestTranscriptPostcodeRanksByDistance(t *testing.T) {
	for _, c := range []struct{ postcode, first, second string }{
		{"34127", "1. MBE Nord", "2. MBE Süd"},
		{"۳۴۱۱۹", "1. MBE Süd", "2. MBE Nord"}, // 34119 in Persian digits
	} {
		tr := newTranscript(t, true)
		tr.play("en", []string{"34", "I need a flat", c.postcode},
			"What do you need help with", "I understood: Housing",
			"write your postcode (5 digits)", "(📍 Share my location: latitude, longitude)", "[1] Skip",
			"nearest to the postcode", "(Kassel)",
			c.first, "km from you", c.second, "km from you")
	}
}

func TestTranscriptPostcodeOutsideTheArea(t *testing.T) {
	tr := newTranscript(t, true)
	tr.play("en", []string{"34", "I need a flat", "80331"},
		"The postcode 80331 (München) is outside the area of this service: I only know the offices in Kassel.",
		"Your answers", "all over Germany: https://bamf-navi.bamf.de", "1. MBE", "km from you", "Did this help you?")
}
