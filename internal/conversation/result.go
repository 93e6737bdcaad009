package conversation

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kassel/wegweiser/internal/directory"
)

// MaxOffices is how many JMD/MBE offices a result names.
const MaxOffices = 3

// youthTopic is the topic under which the youth services (Jugendamt) are filed.
const youthTopic directory.Topic = "family"

// result looks up the offices for the answers and says them in one message.
func (e *Engine) result(ctx context.Context, s *State, out *Output) error {
	childAlone := *s.Age < directory.JMDMinAge && s.WithParent != nil && !*s.WithParent
	child := *s.Age < directory.JMDMinAge
	q := directory.Query{Age: s.decidingAge(), Topic: s.Topic, Language: s.Lang, Lat: s.Lat, Lon: s.Lon, Limit: MaxOffices}
	if childAlone {
		q = directory.Query{Age: *s.Age, Topic: youthTopic, Language: s.Lang, Lat: s.Lat, Lon: s.Lon}
	}
	m, err := e.Dir.Match(ctx, q)
	if err != nil {
		return err
	}
	var youth []directory.Match
	if child && !childAlone {
		y, err := e.Dir.Match(ctx, directory.Query{Age: *s.Age, Topic: youthTopic, Language: s.Lang, Lat: s.Lat, Lon: s.Lon})
		if err != nil {
			return err
		}
		for _, svc := range y.Services {
			if !slices.ContainsFunc(m.Services, func(x directory.Match) bool { return x.Office.ID == svc.Office.ID }) {
				youth = append(youth, svc)
			}
		}
	}

	msg := Message{}
	add := func(lines ...Text) { msg.Lines = append(msg.Lines, lines...) }
	s.Results = nil
	var mapButtons [][]Button
	block := func(match directory.Match, numbered bool) {
		n := len(s.Results) + 1
		s.Results = append(s.Results, match.Office.ID)
		add(Raw(""))
		add(OfficeLines(match, n, numbered)...)
		if match.Office.HasPosition() {
			mapButtons = append(mapButtons, []Button{{
				Label: T("button.map", "Number", n, "Name", Raw(shorten(match.Office.Name, 40))),
				Data:  fmt.Sprintf("res:map%d", len(s.Results)-1),
			}})
		}
	}

	if childAlone {
		add(T("result.child_alone"))
		for _, svc := range m.Services {
			block(svc, true)
		}
	} else {
		add(T("result.summary", "Age", ageText(s), "Topic", TopicLabel(s.Topic)))
		if len(m.Offices) == 0 {
			add(Raw(""), T("result.none"))
		} else {
			add(Raw(""), Plural("result.intro", len(m.Offices)))
		}
		for _, o := range m.Offices {
			block(o, true)
		}
		if len(m.Services) > 0 {
			add(Raw(""), T("result.services"))
			for _, svc := range m.Services {
				block(svc, true)
			}
		}
		if len(youth) > 0 {
			add(Raw(""), T("result.youth_services"))
			for _, svc := range youth {
				block(svc, true)
			}
		}
		switch {
		case len(m.Offices) == 0:
			add(Raw(""), T("online.none"))
		case m.AllFull():
			add(Raw(""), T("online.full"))
		default:
			add(Raw(""), T("online.also"))
		}
	}
	add(Raw(""), T("feedback.question"))
	msg.Buttons = append(mapButtons,
		[]Button{{T("feedback.yes"), "res:yes"}, {T("feedback.no"), "res:no"}})
	msg.Buttons = append(msg.Buttons, resultNav()...)
	out.Messages = append(out.Messages, msg)

	place := "no"
	if s.Lat != nil {
		place = "yes"
	}
	if len(m.Offices) == 0 && !childAlone {
		out.event("no_result", "topic", string(s.Topic), "lang", s.Lang)
	}
	out.event("result", "age_band", s.AgeBand, "topic", string(s.Topic), "lang", s.Lang, "place", place)
	for _, o := range m.Offices {
		out.event("office_named", "office", o.Office.ID)
	}
	for _, svc := range append(m.Services, youth...) {
		out.event("service_named", "office", svc.Office.ID)
	}
	return nil
}

// ageText is the age as the user gave it: the number typed, or the band tapped.
func ageText(s *State) Text {
	if s.AgeTyped {
		return LTR(fmt.Sprint(*s.Age))
	}
	return T(bandLabels[s.AgeBand])
}

var bandLabels = map[string]string{
	"u12": "age.band.under12", "12-17": "age.band.12to17", "18-26": "age.band.18to26", "27+": "age.band.27plus",
}

// OfficeLines describes one office as newcomers see it; fields the directory lacks are left
// out. numbered puts n before the name.
func OfficeLines(m directory.Match, n int, numbered bool) []Text {
	o := &m.Office
	var lines []Text
	title := Raw(o.Name)
	if numbered {
		title = T("office.title", "Number", n, "Name", Raw(o.Name))
	}
	lines = append(lines, title)
	switch {
	case m.Has(directory.ReasonAdultTopic):
		lines = append(lines, T("office.kind.mbe_exception"))
	case o.Kind == directory.KindJMD:
		lines = append(lines, T("office.kind.jmd"))
	case o.Kind == directory.KindMBE:
		lines = append(lines, T("office.kind.mbe"))
	}
	if o.Provider != "" && o.Provider != o.Name {
		lines = append(lines, T("office.provider", "Provider", Raw(o.Provider)))
	}
	if addr := address(o); addr != "" {
		lines = append(lines, T("office.address", "Address", Raw(addr)))
	}
	if m.DistanceKm != nil {
		lines = append(lines, T("office.distance", "Km", LTR(fmt.Sprintf("%.1f", *m.DistanceKm))))
	}
	if o.Phone != "" {
		lines = append(lines, T("office.phone", "Phone", LTR(o.Phone)))
	}
	if o.Email != "" {
		lines = append(lines, T("office.email", "Email", LTR(o.Email)))
	}
	if o.Website != "" {
		lines = append(lines, T("office.website", "Website", LTR(o.Website)))
	}
	if hours := hoursText(o.OpeningHours); hours != nil {
		lines = append(lines, T("office.hours", "Hours", *hours))
	}
	if len(o.Languages) > 0 {
		names := make([]Text, len(o.Languages))
		for i, l := range o.Languages {
			names[i] = Text{Language: l}
		}
		lines = append(lines, T("office.languages", "Languages", Join(", ", names...)))
	}
	if o.Note != "" {
		lines = append(lines, T("office.note", "Note", Raw(o.Note)))
	}
	if m.Has(directory.ReasonNotAccepting) {
		lines = append(lines, T("office.not_accepting"))
	}
	if o.ConfirmedAt != nil {
		lines = append(lines, T("office.confirmed", "Date", LTR(o.ConfirmedAt.Format("02.01.2006"))))
	} else {
		lines = append(lines, T("office.unconfirmed"))
	}
	return lines
}

func address(o *directory.Office) string {
	place := strings.TrimSpace(o.Postcode + " " + o.City)
	switch {
	case o.Street != "" && place != "":
		return o.Street + ", " + place
	case o.Street != "":
		return o.Street
	}
	return place
}

var dayIDs = map[time.Weekday]string{
	time.Monday: "day.mo", time.Tuesday: "day.tu", time.Wednesday: "day.we", time.Thursday: "day.th",
	time.Friday: "day.fr", time.Saturday: "day.sa", time.Sunday: "day.su",
}

// hoursText writes opening hours with the weekday names in the reader's language; runs of
// three or more consecutive days are shortened to a range (Mo–Fr).
func hoursText(value string) *Text {
	rules, err := directory.ParseOpeningHours(value)
	if err != nil || len(rules) == 0 {
		return nil
	}
	var parts []Text
	for _, r := range rules {
		var days []Text
		for i := 0; i < len(r.Days); {
			j := i
			for j+1 < len(r.Days) && r.Days[j+1] == (r.Days[j]+1)%7 {
				j++
			}
			if j-i >= 2 {
				days = append(days, Join("–", T(dayIDs[r.Days[i]]), T(dayIDs[r.Days[j]])))
			} else {
				for k := i; k <= j; k++ {
					days = append(days, T(dayIDs[r.Days[k]]))
				}
			}
			i = j + 1
		}
		var when Text
		if r.Off {
			when = T("hours.closed")
		} else {
			spans := make([]Text, len(r.Spans))
			for i, sp := range r.Spans {
				spans[i] = LTR(strings.Replace(sp.String(), "-", "–", 1))
			}
			when = Join(", ", spans...)
		}
		parts = append(parts, Join(" ", Join(", ", days...), when))
	}
	t := Join("; ", parts...)
	return &t
}

func shorten(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max-1]) + "…"
}

// venue shows one of the offices of the last result on a map.
func (e *Engine) venue(ctx context.Context, s *State, id string, out *Output) error {
	o, err := e.Dir.Office(ctx, id)
	if errors.Is(err, directory.ErrNotFound) {
		out.say(T("office.gone"))
		return nil
	}
	if err != nil {
		return err
	}
	if !o.HasPosition() {
		out.say(T("office.no_position"))
		return nil
	}
	out.Messages = append(out.Messages, Message{Venue: &Venue{Lat: *o.Latitude, Lon: *o.Longitude, Title: o.Name, Address: address(&o)}})
	out.event("map_shown")
	return nil
}

// TopicLabel is the button label of a topic. The topic "other" is filed as "something_else"
// in the catalogs: go-i18n reads a key named "other" as a plural form.
func TopicLabel(t directory.Topic) Text { return T("topic." + TopicMessageKey(t)) }

// TopicMessageKey is the catalog key of a topic under "topic." and "topic.keywords.".
func TopicMessageKey(t directory.Topic) string {
	if t == "other" {
		return "something_else"
	}
	return string(t)
}

// DynamicMessageIDs lists the catalog ids the engine builds at run time (topic labels and
// keywords, weekdays, age bands), so that a test can check every catalog has them.
func DynamicMessageIDs() []string {
	var ids []string
	for _, t := range directory.Topics {
		ids = append(ids, TopicLabel(t).ID, "topic.keywords."+TopicMessageKey(t))
	}
	for _, id := range dayIDs {
		ids = append(ids, id)
	}
	for _, id := range bandLabels {
		ids = append(ids, id)
	}
	return append(ids, "language.name")
}
