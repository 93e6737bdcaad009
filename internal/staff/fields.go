package staff

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kassel/wegweiser/internal/directory"
)

// Typed values: read with the directory file's rules (normalize), explained when invalid
// (invalidCode), and written into an office once confirmed (setField).

// invalidCode maps validation codes to the catalog's explanations.
func invalidCode(code string) string {
	switch code {
	case "required", "postcode", "email", "website", "phone", "latitude", "longitude", "hours", "too_long", "address",
		"date", "date_past", "date_far", "weeks", "position_far":
		return code
	case "position":
		return "latitude"
	}
	return "control"
}

// normalize validates a typed value with the directory file's rules and returns it as stored.
// "-" (with any spaces around it) empties a field (and ends a closure).
func (e *Engine) normalize(f Field, value string) (string, error) {
	value = strings.TrimSpace(value)
	if value == "-" && f != FieldName {
		return "", nil
	}
	switch f {
	case FieldPhone:
		return directory.ParsePhone(value)
	case FieldEmail:
		return directory.ParseEmail(value)
	case FieldWebsite:
		return directory.ParseWebsite(directory.WithScheme(value))
	case FieldAddress:
		street, postcode, city, err := parseAddress(value)
		if err != nil {
			return "", err
		}
		return strings.TrimSpace(fmt.Sprintf("%s, %s %s", street, postcode, city)), nil
	case FieldPosition:
		lat, lon, err := parsePosition(value)
		if err != nil {
			return "", err
		}
		return strconv.FormatFloat(*lat, 'f', -1, 64) + ", " + strconv.FormatFloat(*lon, 'f', -1, 64), nil
	case FieldHours:
		return directory.NormalizeHours(value)
	case FieldClosed:
		first, last, err := parseClosure(value, e.today())
		if err != nil {
			return "", err
		}
		return closureValue(first, last), nil
	case FieldNote:
		return directory.ParseText(value, 500, false, true)
	case FieldName:
		return directory.ParseText(value, 200, true, false)
	}
	return "", &directory.Invalid{Code: "control"}
}

// parseAddress reads "street and number, postcode city".
func parseAddress(value string) (street, postcode, city string, err error) {
	i := strings.LastIndex(value, ",")
	if i < 0 {
		return "", "", "", &directory.Invalid{Code: "address"}
	}
	street, rest := strings.TrimSpace(value[:i]), strings.Fields(value[i+1:])
	if len(rest) < 2 {
		return "", "", "", &directory.Invalid{Code: "address"}
	}
	if street, err = directory.ParseText(street, 200, true, false); err != nil {
		return "", "", "", err
	}
	if postcode, err = directory.ParsePostcode(rest[0]); err != nil || postcode == "" {
		return "", "", "", &directory.Invalid{Code: "postcode"}
	}
	if city, err = directory.ParseText(strings.Join(rest[1:], " "), 100, true, false); err != nil {
		return "", "", "", err
	}
	return street, postcode, city, nil
}

// parsePosition reads "latitude, longitude".
func parsePosition(value string) (lat, lon *float64, err error) {
	a, b, ok := strings.Cut(value, ",")
	if !ok {
		return nil, nil, &directory.Invalid{Code: "latitude"}
	}
	if lat, err = directory.ParseCoordinate(strings.TrimSpace(a), 90); err != nil || lat == nil {
		return nil, nil, &directory.Invalid{Code: "latitude"}
	}
	if lon, err = directory.ParseCoordinate(strings.TrimSpace(b), 180); err != nil || lon == nil {
		return nil, nil, &directory.Invalid{Code: "longitude"}
	}
	return lat, lon, nil
}

// setField writes the confirmed value v of field f, or the ticks in set for languages and
// topics, into o. known is false for a field that is not saved this way.
func setField(o *directory.Office, f Field, v string, set []string) (known bool, err error) {
	switch f {
	case FieldPhone:
		o.Phone = v
	case FieldEmail:
		o.Email = v
	case FieldWebsite:
		o.Website = v
	case FieldAddress:
		o.Street, o.Postcode, o.City = "", "", ""
		if v != "" {
			o.Street, o.Postcode, o.City, err = parseAddress(v)
		}
	case FieldPosition:
		o.Latitude, o.Longitude = nil, nil
		if v != "" {
			o.Latitude, o.Longitude, err = parsePosition(v)
		}
	case FieldHours:
		o.OpeningHours = v
	case FieldNote:
		o.Note = v
	case FieldClosed:
		o.ClosedFrom, o.ClosedUntil = nil, nil
		if v != "" {
			var last time.Time
			o.ClosedFrom, last, err = readClosure(v)
			o.ClosedUntil = &last
		}
	case FieldNotes:
		o.NoteKeys, err = directory.ParseNoteKeys(strings.Join(set, " "))
	case FieldLanguages:
		o.Languages, err = directory.ParseLanguages(strings.Join(set, " "))
	case FieldTopics:
		o.Topics, err = directory.ParseTopics(strings.Join(set, " "))
	default:
		return false, nil
	}
	return true, err
}
