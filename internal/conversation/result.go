package conversation

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// mapNameLength is how much of an office's name a map button shows: with the number and
// "on the map" in the longest language, the label still fits one row of a phone screen.
const mapNameLength = 18

// mapName is what a map button names an office by: a counselling office its provider where
// it has one (the offices of one kind share a name, "Migrationsberatung für erwachsene
// Zugewanderte", and their buttons read alike; "Caritasverband Nordhessen-Kassel" tells them
// apart), an add-on service its name ("Ausländerbehörde: …", not its provider "Stadt Kassel
// und Landkreis Kassel", which named the city's services alike: J12).
func mapName(o directory.Office) string {
	if o.Provider != "" && o.Kind.Counselling() {
		return o.Provider
	}
	return o.Name
}

// MaxOffices is how many JMD/MBE offices a result names.
const MaxOffices = 3

// familyTopic is the topic under which the youth services (Jugendamt) are filed, and the
// danger topic of violence by a partner or a relative (safetyLines).
const familyTopic directory.Topic = "family"

// asylumTopic is the topic of the asylum procedure, whose decisions have short deadlines.
const asylumTopic directory.Topic = "asylum"

// housingTopic and residenceTopic are the needs for a home and for a residence permit.
const (
	housingTopic   directory.Topic = "housing"
	residenceTopic directory.Topic = "residence"
)

// moneyTopic is the need for money and social benefits.
const moneyTopic directory.Topic = "money"

// pensionAge is the age from which everyone has reached Germany's statutory pension age (it
// rises from 66 to 67 until 2031): basic income support then comes from the Sozialamt, not
// the Jobcenter (result.pension_age).
const pensionAge = 67

// found is what the directory holds for a conversation's answers.
type found struct {
	directory.Matches
	youth      []directory.Match // youth services for a young child's matters, beside the parent's offices
	more       []moreNeed        // the further needs named, with their add-on services
	childAlone bool              // a child under 12 without a parent: the youth office only
	contact    map[string]bool   // offices that can be asked to contact the newcomer
	reopen     bool              // offer to tell the person when a closed or full office reopens
}

// Contacts tells which offices can be asked, through the bot, to contact a newcomer (the
// hand-over, package handover): those with an active counsellor account taking new clients.
type Contacts interface {
	Contactable(ctx context.Context, offices []directory.Office) (map[string]bool, error)
}

// ContactButton is the button that asks office n of a result to contact the newcomer; the
// hand-over resolves the reference and checks everything again when it is tapped.
func ContactButton(n int, officeID string) dialog.Button {
	return button(dialog.T("handover.button.ask", "Number", n), PrefixContact, "ask:"+directory.Ref(officeID))
}

// result looks up the offices for the answers and says them in one message.
func (e *Engine) result(ctx context.Context, s *State, out *dialog.Output) error {
	f, err := e.matchFor(ctx, s)
	if err != nil {
		return err
	}
	out.Messages = append(out.Messages, resultMessage(s, f, e.clock(), e.centre(s)))
	resultEvents(s, f, out)
	return nil
}

// matchFor asks the directory for the answers: the service for the deciding age, and for a
// young child the youth services too (without the offices named already).
func (e *Engine) matchFor(ctx context.Context, s *State) (found, error) {
	child := *s.Age < directory.JMDMinAge
	f := found{childAlone: s.childAlone(), reopen: e.Reopen}
	today := e.clock().today()
	youthQuery := directory.Query{Age: *s.Age, Topic: familyTopic, Language: s.Lang, Lat: s.Lat, Lon: s.Lon, Place: s.Place, Today: today}
	q := directory.Query{Age: s.decidingAge(), Topic: s.Topic, Language: s.Lang, Lat: s.Lat, Lon: s.Lon, Place: s.Place, Limit: MaxOffices, Today: today}
	if f.childAlone {
		q = youthQuery
	}
	var err error
	if f.Matches, err = e.Dir.Match(ctx, q); err != nil {
		return f, err
	}
	if e.Contact != nil && !f.childAlone {
		offices := make([]directory.Office, len(f.Offices))
		for i, m := range f.Offices {
			offices[i] = m.Office
		}
		if f.contact, err = e.Contact.Contactable(ctx, offices); err != nil {
			return f, err
		}
	}
	if (child || s.teenAlone()) && !f.childAlone {
		y, err := e.Dir.Match(ctx, youthQuery)
		if err != nil {
			return f, err
		}
		for _, svc := range y.Services {
			if !slices.ContainsFunc(f.Services, func(x directory.Match) bool { return x.Office.ID == svc.Office.ID }) || s.teenAlone() {
				f.youth = append(f.youth, svc)
			}
		}
		if s.teenAlone() {
			// Named first, as the one responsible (resultMessage), and not again among the
			// services for the topic.
			f.Services = slices.DeleteFunc(f.Services, func(x directory.Match) bool {
				return slices.ContainsFunc(f.youth, func(y directory.Match) bool { return y.Office.ID == x.Office.ID })
			})
		}
	}
	if f.childAlone {
		return f, nil
	}
	return f, e.matchMore(ctx, s, &f)
}

// resultRef names a shown office in the data of its buttons (map, reopen): by its reference,
// not its place in the list, so that a button under an older result (the answers changed
// since, and the list with them) names its own office or, if it is no longer shown, none.
func resultRef(id string) string { return directory.Ref(id) }

// mapButton shows office n of a result on the map (for an office with a position).
func mapButton(o directory.Office, n int) dialog.Button {
	label := dialog.T("button.map", "Number", n, "Name", dialog.Raw(shorten(mapName(o), mapNameLength)))
	return button(label, prefixResult, resMap+resultRef(o.ID))
}

// resultByRef is the shown office a button's reference names.
func resultByRef(s *State, ref string) (string, bool) {
	for _, id := range s.Results {
		if resultRef(id) == ref {
			return id, true
		}
	}
	return "", false
}

// resultMessage says what was found, one block per office, with a map button for each office
// that has a position and an "ask them to contact me" button for each that can be asked. It
// records the offices shown in s.Results, for those buttons.
func resultMessage(s *State, f found, c clock, centre *dialog.Text) dialog.Message {
	msg := dialog.Message{}
	add := func(lines ...dialog.Text) { msg.Lines = append(msg.Lines, lines...) }
	s.Results, s.Card, s.Rated = nil, false, false
	var mapButtons [][]dialog.Button
	blocksOf := func(lines func(directory.Match, int) []dialog.Text) func([]directory.Match) {
		return func(matches []directory.Match) {
			for _, match := range matches {
				n := len(s.Results) + 1
				s.Results = append(s.Results, match.Office.ID)
				s.Card = s.Card || match.Office.Kind.Counselling()
				add(dialog.Raw(""))
				add(fromCentre(centre, s.Postcode, match, servesFirst(lines(match, n), &match.Office, s.Place))...)
				if match.Office.HasPosition() {
					mapButtons = append(mapButtons, []dialog.Button{mapButton(match.Office, n)})
				}
				if f.contact[match.Office.ID] {
					mapButtons = append(mapButtons, []dialog.Button{ContactButton(n, match.Office.ID)})
				}
				if f.reopen && match.Office.Kind != directory.KindService &&
					(match.Has(directory.ReasonClosed) || match.Has(directory.ReasonNotAccepting)) {
					label := dialog.T("button.notify", "Number", n)
					mapButtons = append(mapButtons, []dialog.Button{button(label, prefixResult, resReopen+resultRef(match.Office.ID))})
				}
			}
		}
	}
	blocks := blocksOf(c.officeLines)
	if f.childAlone {
		childAloneLines(f, add, blocks)
	} else {
		add(summaryLines(s)...)
		add(outsideLines(s)...) // far away: first where to search near them
		if s.teenAlone() {
			// The Jugendamt is responsible first for a minor without parents: before the
			// JMD, with what to do when it has no phone, the helpline for young people and
			// the emergency numbers.
			add(dialog.Raw(""), dialog.T("result.teen_alone"))
			blocks(f.youth)
			if !anyPhone(f.youth) {
				add(dialog.Raw(""), dialog.T("child.no_phone"))
			}
			add(dialog.Raw(""), dialog.T("safety.children"), dialog.T("safety.emergency"))
		}
		if slices.Contains(s.needs(), asylumTopic) {
			// The time to act against a decision on an asylum application is one or two
			// weeks: said before the offices, not after them.
			add(dialog.Raw(""), dialog.T("result.asylum_deadline"))
		}
		if len(f.Offices) == 0 {
			add(dialog.Raw(""), dialog.T("result.none"))
		} else if s.Outside {
			// Far away (a place outside the area): the offices would suit the age and the
			// topic, but they are not "right for you" (J12: told so with offices 190 km away).
			add(dialog.Raw(""), dialog.Plural("result.intro_far", len(f.Offices)))
		} else {
			add(dialog.Raw(""), dialog.Plural("result.intro", len(f.Offices)))
		}
		blocks(f.Offices)
		if len(f.Services) > 0 {
			add(dialog.Raw(""), dialog.T("result.services"))
			blocks(f.Services)
		}
		if s.decidingAge() >= pensionAge && slices.Contains(s.needs(), moneyTopic) {
			// The Jobcenter is not for people of pension age (the shipped ones end at 66):
			// where their basic income comes from instead (J12: people of 68 and 72 were
			// sent to the Jobcenter, one that had just turned them away).
			add(dialog.Raw(""), dialog.T("result.pension_age"))
		}
		moreLines(f, add, blocksOf(briefLines))
		if len(f.youth) > 0 && !s.teenAlone() {
			add(dialog.Raw(""), dialog.T("result.youth_services"))
			blocks(f.youth)
		}
		switch {
		case len(f.Offices) == 0:
			add(dialog.Raw(""), dialog.T("online.none"))
		case f.AllFull():
			add(dialog.Raw(""), dialog.T("online.full"))
		default:
			// Online counselling for the person's age only: mbeon to an adult, jmd4you to a
			// young person (both while the age is not known).
			add(dialog.Raw(""), dialog.T("online.travel"))
			add(onlineLines(s)...)
		}
	}
	if needs := s.needs(); !s.teenAlone() && (slices.Contains(needs, familyTopic) || slices.Contains(needs, healthTopic)) {
		// The danger said earlier is not kept (safetyLines: its lines were given when it was
		// written), but a person asking about the family or their health finds the emergency
		// numbers again beside the offices, and for their health the medical on-call service
		// (J4: "very sick, I need a doctor now" found only the counselling offices), and a
		// young person the helpline for children and young people. Not the helplines for
		// violence at home or for a wish to die: beside a question about a Kita, a sick child
		// or a pregnancy they alarmed, or read as an accusation (J11, in both testers'
		// languages).
		add(dialog.Raw(""), dialog.T("safety.emergency"))
		if slices.Contains(needs, healthTopic) {
			add(dialog.T("safety.doctor"))
		}
		if slices.Contains(needs, familyTopic) && s.writerMinor() {
			add(dialog.T("safety.children"))
		}
	}
	add(dialog.Raw(""), dialog.T("feedback.question"))
	msg.Buttons = append(mapButtons,
		[]dialog.Button{button(dialog.T("feedback.yes"), prefixResult, resYes), button(dialog.T("feedback.no"), prefixResult, resNo)})
	msg.Buttons = append(msg.Buttons, resultNav(s)...)
	return msg
}

// resultEvents records the anonymous facts of a result for the statistics.
func resultEvents(s *State, f found, out *dialog.Output) {
	place := "no"
	if s.Lat != nil {
		place = "yes"
	}
	if len(f.Offices) == 0 && !f.childAlone {
		out.Record(dialog.EventNoResult, "topic", string(s.Topic), "lang", s.Lang)
	}
	out.Record(dialog.EventResult, "age_band", s.AgeBand, "topic", string(s.Topic), "lang", s.Lang, "place", place)
	for _, o := range f.Offices {
		out.Record(dialog.EventOfficeNamed, "office", o.Office.ID)
	}
	services := append(slices.Clone(f.Services), f.youth...)
	for _, n := range f.more {
		services = append(services, n.services...)
	}
	for _, svc := range services {
		out.Record(dialog.EventServiceNamed, "office", svc.Office.ID)
	}
}

// ageText is the age as the user gave it: the number typed, or the band tapped.
func ageText(s *State) dialog.Text {
	if s.AgeTyped {
		return dialog.LTR(fmt.Sprint(*s.Age))
	}
	return dialog.T(bandLabels[s.AgeBand])
}

// parentAgeText is the parent's age as the user gave it: the number typed, or the band tapped.
func parentAgeText(s *State) dialog.Text {
	if s.ParentTyped {
		return dialog.LTR(fmt.Sprint(*s.ParentAge))
	}
	return dialog.T(bandLabels[ageBand(*s.ParentAge)])
}

// summaryLines repeat the answers above the offices. For a parent asking for a young child
// they name both ages, and why the offices are the parent's.
func summaryLines(s *State) []dialog.Text {
	if *s.Age >= directory.JMDMinAge || s.ParentAge == nil {
		return []dialog.Text{dialog.T("result.summary", "Age", ageText(s), "Topic", TopicList(s.needs()))}
	}
	why := "result.for_parent_jmd"
	if *s.ParentAge >= directory.MBEMinAge {
		why = "result.for_parent_mbe"
	}
	return []dialog.Text{
		dialog.T("result.summary_parent", "Age", ageText(s), "ParentAge", parentAgeText(s), "Topic", TopicList(s.needs())),
		dialog.T(why),
	}
}

// The age bands, as buttons send them and the statistics count them.
const (
	bandUnder12 = "u12"
	band12to17  = "12-17"
	band18to26  = "18-26"
	band27plus  = "27+"
)

var bandLabels = map[string]string{
	bandUnder12: "age.band.under12", band12to17: "age.band.12to17", band18to26: "age.band.18to26", band27plus: "age.band.27plus",
}

// AgeBand is the band an age falls in.
func AgeBand(age int) string { return ageBand(age) }

func bandButton(band string) dialog.Button {
	return button(dialog.T(bandLabels[band]), prefixAge, band)
}

// fromCentre says an office's distance from the centre of the place the person named
// (centre), where that is what it is from ("About 1.6 km from the centre of Kassel"), not from
// them. An office at the centre of the postcode the person typed (postcode: the person's
// position is that centre, and many offices' map points are their postcode's) is "in your
// postcode area", not "less than 0.1 km from you". Otherwise the lines stay as they are.
func fromCentre(centre *dialog.Text, postcode bool, m directory.Match, lines []dialog.Text) []dialog.Text {
	if m.DistanceKm == nil {
		return lines
	}
	for i, l := range lines {
		switch {
		case centre != nil && l.ID == "office.distance":
			lines[i] = dialog.T("office.distance_centre", "Km", distance(*m.DistanceKm), "Place", *centre)
		case centre != nil && l.ID == "office.distance_under":
			lines[i] = dialog.T("office.distance_centre_under", "Km", distance(nearKm), "Place", *centre)
		case postcode && l.ID == "office.distance_under":
			lines[i] = dialog.T("office.distance_postcode")
		}
	}
	return lines
}

// OfficeLines describes one office as newcomers see it; fields the directory lacks are left
// out. numbered puts n before the name.
func OfficeLines(m directory.Match, n int, numbered bool) []dialog.Text {
	o := &m.Office
	var lines []dialog.Text
	title := dialog.Raw(o.Name)
	if numbered {
		title = dialog.T("office.title", "Number", n, "Name", dialog.Raw(o.Name))
	}
	lines = append(lines, title)
	switch {
	case m.Has(directory.ReasonAdultTopic):
		lines = append(lines, dialog.T("office.kind.mbe_exception"))
	case o.Kind == directory.KindJMD:
		lines = append(lines, dialog.T("office.kind.jmd"))
	case o.Kind == directory.KindMBE:
		lines = append(lines, dialog.T("office.kind.mbe"))
	}
	if o.Provider != "" && o.Provider != o.Name {
		lines = append(lines, dialog.T("office.provider", "Provider", dialog.Raw(o.Provider)))
	}
	if addr := address(o); addr != "" {
		lines = append(lines, dialog.T("office.address", "Address", dialog.Raw(addr)))
	}
	switch {
	case m.DistanceKm == nil:
	case *m.DistanceKm < nearKm:
		lines = append(lines, dialog.T("office.distance_under", "Km", distance(nearKm)))
	default:
		lines = append(lines, dialog.T("office.distance", "Km", distance(*m.DistanceKm)))
	}
	if o.Phone != "" {
		lines = append(lines, dialog.T("office.phone", "Phone", dialog.LTR(o.Phone)))
	}
	if o.Email != "" {
		lines = append(lines, dialog.T("office.email", "Email", dialog.LTR(o.Email)))
	}
	if o.Website != "" {
		lines = append(lines, dialog.T("office.website", "Website", dialog.LTR(o.Website)))
	}
	if hours := hoursText(o.OpeningHours); hours != nil {
		lines = append(lines, dialog.T("office.hours", "Hours", *hours))
	}
	if len(o.Languages) > 0 {
		names := make([]dialog.Text, len(o.Languages))
		for i, l := range o.Languages {
			names[i] = dialog.Text{Language: l}
		}
		lines = append(lines, dialog.T("office.languages", "Languages", dialog.List(names...)))
	}
	lines = append(lines, NoteLines(o)...)
	if serves := servesLine(o); serves != nil {
		lines = append(lines, *serves)
	}
	if knownByName(o) {
		lines = append(lines, dialog.T("office.reach_unknown")) // where to ask instead
	}
	if m.Has(directory.ReasonNotAccepting) {
		lines = append(lines, dialog.T("office.not_accepting"))
	}
	if o.ConfirmedAt != nil {
		lines = append(lines, dialog.T("office.confirmed", "Date", dialog.LTR(o.ConfirmedAt.Format("02.01.2006"))))
	} else if o.Phone != "" {
		lines = append(lines, dialog.T("office.unconfirmed")) // "…: please call first"
	} else if !knownByName(o) {
		// With no number to call; an entry known by name only has nothing to confirm (its
		// reach_unknown line says so).
		lines = append(lines, dialog.T("office.unconfirmed_no_phone"))
	}
	return lines
}

// maxServesNamed is how many of the places an office alone is responsible for its entry
// names; more are "and other places nearby".
const maxServesNamed = 3

// servesLine says whose office it is, for an office responsible for some places only (Serves):
// a person who did not say where they live sees two Jobcenters, each with the places it is
// for ("the city of Kassel"; "Ahnatal, Bad Emstal, Bad Karlshafen and other places nearby").
func servesLine(o *directory.Office) *dialog.Text {
	if len(o.Serves) == 0 {
		return nil
	}
	var places []dialog.Text
	for _, p := range o.Serves[:min(len(o.Serves), maxServesNamed)] {
		places = append(places, dialog.Raw(p))
	}
	if len(o.Serves) > maxServesNamed {
		places = append(places, dialog.T("office.serves_more"))
	}
	line := dialog.T("office.serves", "Places", dialog.List(places...))
	return &line
}

// servesFirst names, in an office's line of the places it is for (servesLine), the person's
// own place first when it is one of them: a person in Wolfhagen reads "for people who live in
// Wolfhagen, Baunatal, Vellmar and other places nearby", not three other places (J12).
func servesFirst(lines []dialog.Text, o *directory.Office, place string) []dialog.Text {
	at := slices.IndexFunc(lines, func(l dialog.Text) bool { return l.ID == "office.serves" })
	i := slices.Index(o.Serves, place)
	if at < 0 || place == "" || i < maxServesNamed {
		return lines // named already, or not one of its places
	}
	moved := *o
	moved.Serves = append([]string{place}, slices.Delete(slices.Clone(o.Serves), i, i+1)...)
	lines = slices.Clone(lines)
	lines[at] = *servesLine(&moved)
	return lines
}

// knownByName says whether a service is known by its name only: no source gave a street,
// phone, e-mail or website, nor a note of where it may be.
func knownByName(o *directory.Office) bool {
	return o.Kind == directory.KindService && o.Street == "" && o.Phone == "" && o.Email == "" && o.Website == "" && o.Note == ""
}

func address(o *directory.Office) string {
	place := postcodePlace(o.Postcode, o.City)
	switch {
	case o.Street != "" && place != "":
		return o.Street + ", " + place
	case o.Street != "":
		return o.Street
	}
	return place
}

// postcodePlace is the last line of a German address, as letters and signs write it in every
// language: "34117 Kassel".
func postcodePlace(code, place string) string {
	return strings.TrimSpace(code + " " + place)
}

var dayIDs = map[time.Weekday]string{
	time.Monday: "day.mo", time.Tuesday: "day.tu", time.Wednesday: "day.we", time.Thursday: "day.th",
	time.Friday: "day.fr", time.Saturday: "day.sa", time.Sunday: "day.su",
}

// hoursText writes opening hours with the weekday names in the reader's language; runs of
// three or more consecutive days are shortened to a range (Mo–Fr).
func hoursText(value string) *dialog.Text {
	rules, err := directory.ParseOpeningHours(value)
	if err != nil || len(rules) == 0 {
		return nil
	}
	var parts []dialog.Text
	for _, r := range rules {
		var days []dialog.Text
		for i := 0; i < len(r.Days); {
			j := i
			for j+1 < len(r.Days) && r.Days[j+1] == (r.Days[j]+1)%7 {
				j++
			}
			if j-i >= 2 {
				days = append(days, dialog.Join("–", dialog.T(dayIDs[r.Days[i]]), dialog.T(dayIDs[r.Days[j]])))
			} else {
				for k := i; k <= j; k++ {
					days = append(days, dialog.T(dayIDs[r.Days[k]]))
				}
			}
			i = j + 1
		}
		when := ruleTimes(r)
		if len(days) == 0 {
			parts = append(parts, when) // the whole office by appointment
			continue
		}
		parts = append(parts, dialog.Join(" ", dialog.List(days...), when))
	}
	t := dialog.Join("\n", parts...) // one rule a line: each reads on its own, also right to left
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
func (e *Engine) venue(ctx context.Context, s *State, id string, out *dialog.Output) error {
	o, err := e.Dir.Office(ctx, id)
	if errors.Is(err, directory.ErrNotFound) {
		out.Say(dialog.T("office.gone"))
		return nil
	}
	if err != nil {
		return err
	}
	if !o.HasPosition() {
		out.Say(dialog.T("office.no_position"))
		return nil
	}
	out.Messages = append(out.Messages, dialog.Message{Venue: &dialog.Venue{Lat: *o.Latitude, Lon: *o.Longitude, Title: o.Name, Address: address(&o)}})
	out.Record(dialog.EventMapShown)
	return nil
}

// TopicLabel is the button label of a topic. The topic "other" is filed as "something_else"
// in the catalogs: go-i18n reads a key named "other" as a plural form.
func TopicLabel(t directory.Topic) dialog.Text { return dialog.T("topic." + TopicMessageKey(t)) }

// TopicMessageKey is the catalog key of a topic under "topic." and "topic.keywords.".
func TopicMessageKey(t directory.Topic) string {
	if t == "other" {
		return "something_else"
	}
	return string(t)
}

// DynamicMessageIDs lists the catalog ids the engine builds at run time (topic labels and
// keywords, weekdays, age bands, the answers after 👎, the number words), so that a test can
// check every catalog has them.
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
	for _, r := range whyReasons {
		ids = append(ids, r.label, whyAnswers[r.value])
	}
	return append(append(ids, NoteMessageIDs()...), "language.name", "age.number_words", "age.not_age", "topic.self", "topic.fine", "topic.but", "topic.not", "answer.yes", "answer.no")
}

// nearKm is the distance under which a result says "less than" it rather than "about 0.0 km":
// the points are not known more closely (a shared location is rounded to about 100 m, a typed
// postcode stands for its area's centre, and an office's own point may be its postcode's).
const nearKm = 0.1

// distance says kilometres as people read them: one decimal nearby (1.8 km), whole ones from
// 10 km on (384 km, not 384.0).
func distance(km float64) dialog.Text {
	if km >= 10 {
		return dialog.Decimal(math.Round(km), 0)
	}
	return dialog.Decimal(km, 1)
}
