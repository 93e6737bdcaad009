package directory

import (
	"regexp"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// phoneRegion is the region a phone number without a country code belongs to.
const phoneRegion = "DE"

// phoneChars are the characters a phone number may be written with: digits, spaces and
// + ( ) / -. Letters (vanity numbers) and extensions written out ("ext. 12") are refused.
var phoneChars = regexp.MustCompile(`^\+?[0-9 ()/\-]+$`)

// ParsePhone checks a phone number with the numbering plan of its country and returns it in
// its one display form: a German number nationally, with the area code ("0561 7004211"),
// any other internationally ("+33 1 23 45 67 89"). Empty is allowed. Counsellors' typed
// numbers and the directory file are read with it, so every stored number has this form.
func ParsePhone(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if len(s) > 40 || !phoneChars.MatchString(s) {
		return "", invalid("phone", s)
	}
	n, err := phonenumbers.Parse(s, phoneRegion)
	if err != nil || !phonenumbers.IsValidNumber(n) || n.GetExtension() != "" {
		return "", invalid("phone", s)
	}
	if phonenumbers.GetRegionCodeForNumber(n) == phoneRegion {
		return phonenumbers.Format(n, phonenumbers.NATIONAL), nil
	}
	return phonenumbers.Format(n, phonenumbers.INTERNATIONAL), nil
}

// IsDisplayPhone reports whether s is a valid phone number in its display form, as
// ParsePhone returns it. Such a number holds only digits, spaces and + ( ) / -, so the
// export writes it as it is even when it starts with "+".
func IsDisplayPhone(s string) bool {
	p, err := ParsePhone(s)
	return err == nil && p == s && s != ""
}
