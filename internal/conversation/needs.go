package conversation

import (
	"context"
	"slices"
	"strings"
	"unicode"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// MaxTopics is how many needs of one typed message are kept, the main one first.
const MaxTopics = 3

// maxMoreServices is how many add-on services a further need names: the result stays
// readable on a phone, and under Telegram's 4,096 characters.
const maxMoreServices = 2

// answerTopic reads a typed need. Every need recognised is kept, the main one first; the
// result answers each of them.
func (e *Engine) answerTopic(ctx context.Context, s *State, text string, out *dialog.Output) error {
	_, topics := e.needsLang(s.Lang, text)
	if t, ok := e.Langs.LabeledTopic(text); ok && len(topics) == 0 {
		topics = []directory.Topic{t} // its button's label typed ("Здраве")
	}
	lang, named := e.Langs.Named(text)
	if !named {
		if l, among := e.namedAmong(s.Lang, text); among && l == germanLang {
			lang, named = l, true // "Deutsch bitte", "German please"
		}
	}
	if len(topics) == 0 && named && lang == germanLang {
		// "German", "ألماني", "آلمانی" asked what one needs help with is learning it: the
		// language button is there to switch.
		topics = []directory.Topic{germanTopic}
	}
	if len(topics) == 0 {
		if named {
			return e.chooseLanguage(ctx, s, lang, s.Lang, out)
		}
		out.Record(dialog.EventUnrecognizedTopic, "lang", s.Lang)
		if e.Langs.SaysOneOf(s.Lang, "answer.dont_know", text) {
			// "I don't know": which topic comes closest, or "Something else" (J5).
			out.Say(dialog.T("topic.unsure", "Other", dialog.T("topic.quoted", "Topic", TopicLabel(directory.TopicOther))))
			return e.ask(ctx, s, out)
		}
		if e.Langs.DescribesSelf(s.Lang, text) {
			if !tookPlace(out) {
				out.Say(dialog.T("topic.self_noted")) // who they are, not yet what they need
			}
		} else {
			out.Say(dialog.T("topic.not_understood"))
		}
		return e.ask(ctx, s, out)
	}
	if other, ok := e.otherAge(s, text, topics); ok {
		// Asked first which of the two is the age of the person who needs advice.
		given := *s.Age
		understood := takeTypedTopics(s, topics, out)
		clearAge(s)
		offerAges(s, []int{given, other}, "")
		s.Other = other
		return e.askAfter(ctx, s, out, understood)
	}
	return e.askAfter(ctx, s, out, takeTypedTopics(s, topics, out))
}

// needsLang is the language to read the needs a message names in, and those needs: the
// conversation's, unless the message names none in it and is written in another shipped
// language, as its letters or words tell (Guess), in which it names one ("ev arıyorum" where
// German was chosen, "ищу работу" in a Ukrainian conversation). The conversation goes on in
// its own language.
func (e *Engine) needsLang(lang, text string) (string, []directory.Topic) {
	if topics := e.Langs.RecognizeTopics(lang, text); len(topics) > 0 {
		return lang, topics
	}
	if g := e.Langs.Guess(text, lang); g != "" && g != lang {
		if topics := e.Langs.RecognizeTopics(g, text); len(topics) > 0 {
			return g, topics
		}
	}
	return lang, nil
}

// otherAge returns the age of someone else a need typed at the topic question names ("my son
// 17 wants an Ausbildung", "ابني عمره ١٦ وما لقيناله مدرسة"), when it asks for another service
// than the age given: the writer may have given their own age, and the advice is for the
// person they write about (the JMD's age for a parent's teenager, the MBE's for a young
// person's mother). Only one number beside the people named, 12 or more (a younger child's
// matters are the parent's), and not about bringing a family member here (they are abroad).
func (e *Engine) otherAge(s *State, text string, topics []directory.Topic) (int, bool) {
	if s.Age == nil || *s.Age < directory.JMDMinAge || topics[0] == familyReunionTopic {
		return 0, false
	}
	ages, ok := e.typedAges(s.Lang, text, false)
	if !ok || len(ages) != 1 || ages[0] < directory.JMDMinAge || ages[0] == *s.Age {
		return 0, false
	}
	given, _ := directory.ServiceForAge(*s.Age)
	other, _ := directory.ServiceForAge(ages[0])
	if given == other {
		return 0, false
	}
	if _, stated := e.Langs.StatedAge(s.Lang, text); stated {
		return 0, false // the writer's own
	}
	// Read last: it reads the message's phrases again, which only a message with such an age
	// needs.
	return ages[0], e.Langs.NamesPeople(s.Lang, text)
}

// familyReunionTopic is the need to bring family members here: those it names are abroad.
const familyReunionTopic directory.Topic = "family_reunion"

// germanLang is the language tag of German, and germanTopic the need to learn it.
const (
	germanLang                  = "de"
	germanTopic directory.Topic = "german"
)

// takeTypedTopics keeps the needs recognised in typed text, the main one first (at most
// MaxTopics), and returns what to say about them: those kept, and those left out, to be
// written again (topic.left_out says "three": MaxTopics). Where the text says that its writer
// may be in danger, sayDanger adds the numbers to call after it.
func takeTypedTopics(s *State, topics []directory.Topic, out *dialog.Output) dialog.Text {
	s.setTopics(topics[:min(len(topics), MaxTopics)]...)
	out.Record(dialog.EventAnswered, "step", string(StepTopic), "how", "text")
	said := dialog.T("topic.recognized", "Topic", TopicList(s.Topics))
	if len(topics) > MaxTopics {
		left := make([]dialog.Text, len(topics)-MaxTopics)
		for i, t := range topics[MaxTopics:] {
			left[i] = dialog.T("topic.quoted", "Topic", TopicLabel(t)) // quoted even alone: it stands mid-sentence
		}
		said = dialog.Join(" ", said, dialog.T("topic.left_out", "Topic", dialog.List(left...)))
	}
	return said
}

// keepNeed takes a need typed without a number at a question about a young child or the
// parent's age ("we need a flat"), as the age question does: the question comes again after
// what was understood, and the topic question is not asked later. A further need joins those
// held (J11: "I got a rejection from the BAMF", typed by a young person alone after naming
// housing, was lost). It says whether it took one.
func (e *Engine) keepNeed(ctx context.Context, s *State, text string, out *dialog.Output) (bool, error) {
	if !e.Langs.NamesNeed(s.Lang, text) {
		return false, nil
	}
	if nums, _ := e.Langs.Numbers(s.Lang, text); len(nums) > 0 {
		return false, nil // a number: an answer to the question, read as such
	}
	topics := joinTopics(s.Topics, e.Langs.RecognizeTopics(s.Lang, text))
	if len(topics) == len(s.Topics) {
		return false, nil
	}
	return true, e.askAfter(ctx, s, out, takeTypedTopics(s, topics, out))
}

// joinTopics are the topics held followed by those typed that are not among them.
func joinTopics(held, typed []directory.Topic) []directory.Topic {
	topics := slices.Clone(held)
	for _, t := range typed {
		if !slices.Contains(topics, t) {
			topics = append(topics, t)
		}
	}
	return topics
}

// healthTopic is the danger topic of a wish to die, whose helpline is the crisis line
// (Languages.Danger); violence in the family is familyTopic's.
const healthTopic directory.Topic = "health"

// adultAge is the age from which the helpline for women, not the one for children and young
// people, answers violence in the family.
const adultAge = 18

// writerMinor says whether the person writing is, as far as the answers tell, under 18: a child
// alone, or an age of 12 to 17 given for themselves. Under 12 with a parent, the parent writes
// (their age where given).
func (s *State) writerMinor() bool {
	switch {
	case s.childAlone():
		return true
	case s.ParentAge != nil:
		return *s.ParentAge < adultAge
	case s.Age != nil:
		return *s.Age >= directory.JMDMinAge && *s.Age < adultAge
	}
	return false
}

// notUnderstood are the lines that say a message was not understood, which a message saying
// its writer is in danger does not get (sayDanger).
var notUnderstood = map[string]bool{"age.not_understood": true, "age.invalid": true, "topic.not_understood": true, "place.invalid": true}

// stuckAfter is how many messages in a row not understood bring the ways on (sayStuck).
const stuckAfter = 2

// sayStuck counts the typed messages in a row that were not understood at the question asked
// (notUnderstood), and at the second, and every third after it, adds to the answer the ways on
// ("stuck": a button works too, /help, /language) and the online counselling for the age,
// where a person answers in chat: a newcomer who cannot make the bot understand is not left
// with the same sentence again and again.
func sayStuck(s *State, out *dialog.Output) {
	for i := range out.Messages {
		m := &out.Messages[i]
		j := slices.IndexFunc(m.Lines, func(l dialog.Text) bool { return notUnderstood[l.ID] })
		if j < 0 {
			continue
		}
		s.Missed++
		if s.Missed >= stuckAfter && (s.Missed-stuckAfter)%3 == 0 {
			m.Lines = slices.Insert(m.Lines, j+1, append([]dialog.Text{dialog.T("stuck")}, onlineLines(s)...)...)
		}
		return
	}
	s.Missed = 0
}

// ageUnknown says whether no answer tells the writer's age yet.
func (s *State) ageUnknown() bool { return s.Age == nil && s.ParentAge == nil && !s.childAlone() }

// sayDanger adds the safety lines to the answer to typed text that says its writer may be in
// danger: first, before what was understood of the needs ("Understood: Family and children"
// is not the first thing a person who wrote that they are beaten should read) or before the
// answer (a question asked again, a postcode, an age, a message too long to read). Handle
// calls it for every typed message once the answer is complete, so that an age typed in the
// same message picks the helpline.
func (e *Engine) sayDanger(s *State, text string, out *dialog.Output) {
	lines := e.safetyLines(s, text)
	if lines == nil {
		return
	}
	// The result's own line with the emergency numbers (resultMessage) is not said twice, nor
	// "I did not understand" after the numbers: the question simply comes again.
	emergency := slices.ContainsFunc(lines, func(l dialog.Text) bool { return l.ID == "safety.emergency" })
	for i := range out.Messages {
		m := &out.Messages[i]
		m.Lines = slices.DeleteFunc(m.Lines, func(l dialog.Text) bool { return notUnderstood[l.ID] })
		if j := slices.IndexFunc(m.Lines, func(l dialog.Text) bool { return l.ID == "safety.emergency" }); j >= 0 && emergency {
			from := j
			if j > 0 && m.Lines[j-1].ID == "" && m.Lines[j-1].Raw == "" && len(m.Lines[j-1].Parts) == 0 {
				from = j - 1 // with the blank line before it
			}
			m.Lines = slices.Delete(m.Lines, from, j+1)
		}
		m.Lines = slices.DeleteFunc(m.Lines, func(l dialog.Text) bool {
			return slices.ContainsFunc(lines, func(x dialog.Text) bool { return x.ID != "" && x.ID == l.ID })
		})
	}
	for i := range out.Messages {
		m := &out.Messages[i]
		if j := slices.IndexFunc(m.Lines, func(l dialog.Text) bool { return holds(l, "topic.recognized") }); j >= 0 {
			if w := slices.IndexFunc(m.Lines, func(l dialog.Text) bool { return l.ID == "welcome" }); w >= 0 && w < j {
				j = w // before the greeting too
			}
			m.Lines = slices.Insert(m.Lines, j, append(lines[1:], lines[0])...)
			return
		}
	}
	out.Messages = append([]dialog.Message{{Lines: lines[1:]}}, out.Messages...)
}

// holds says whether t is the message id, or joins it.
func holds(t dialog.Text, id string) bool {
	return t.ID == id || slices.ContainsFunc(t.Parts, func(p dialog.Text) bool { return holds(p, id) })
}

// safetyLines say, for a message whose writer may be in danger now (Languages.Danger: violence,
// threats, a wish to die), where to get help at once, before anything is asked: for a wish to
// die the crisis line; for violence in the family the helpline for women, or for a child the
// one for children and young people; and always the emergency numbers. After them, the line
// of each plight the message tells (plightsTold: no place to sleep tonight, an employer who
// keeps the passport or the pay, a deportation tomorrow, ...). Nothing of it is kept in the
// state or counted: it is said once, when written.
func (e *Engine) safetyLines(s *State, text string) []dialog.Text {
	danger := e.Langs.Danger(s.Lang, text)
	var plights []dialog.Text
	for _, p := range plightsTold {
		if p.told(e, s.Lang, text, danger) {
			plights = append(plights, dialog.T(p.say))
		}
	}
	if len(danger) == 0 {
		if len(plights) > 0 {
			return append([]dialog.Text{dialog.Raw("")}, plights...)
		}
		return nil
	}
	// A human sentence first, then the police and ambulance (a knife at hand cannot wait for
	// a helpline that is closed at night), then the helpline for the danger.
	lines := []dialog.Text{dialog.Raw(""), dialog.T("safety.heard"), dialog.T("safety.emergency")}
	if slices.Contains(danger, healthTopic) {
		lines = append(lines, dialog.T("safety.crisis"))
	}
	if slices.Contains(danger, familyTopic) {
		switch {
		case s.writerMinor() || s.ageUnknown():
			// "My father beats me and my mother", before any age: a child or a woman may be
			// writing, and each line is for one of them. So too after a young person's age:
			// a mother who gave her son's age writes "my husband beats me" (J5), and the
			// children's line is closed at night.
			lines = append(lines, dialog.T("safety.children"), dialog.T("safety.women"))
		default:
			lines = append(lines, dialog.T("safety.women"))
		}
	}
	return append(lines, plights...)
}

// plightsTold are the plights a message may tell of its writer, in the order their lines are
// said (safetyLines), each with what says it is told.
var plightsTold = []struct {
	say  string // the message said at once
	told func(e *Engine, lang, text string, danger []directory.Topic) bool
}{
	// No place to sleep now ("I sleep outside, it is too cold", "they threw me out"): where
	// to get a bed tonight comes first, whatever the question (J11: it got only the offices
	// and "ask for an appointment").
	{"safety.no_bed", phraseTold("answer.no_bed")},
	// An employer who keeps the passport, does not pay, or forces the work ("my boss took my
	// passport and does not pay me"): that this is not allowed, the free advice on rights at
	// work, and the police for a threat (J12: it got "Work and jobs" and the job offices).
	{"safety.work", phraseTold("answer.exploited")},
	// A deportation said to come soon ("they deport me tomorrow"): that it is urgent, and
	// whom to call today, before any question (J12: it got the routine questions, and at
	// the end "usually one or two weeks" and "ask for an appointment").
	{"safety.deportation", func(e *Engine, lang, text string, _ []directory.Topic) bool {
		return e.Langs.Holds(lang, "answer.deportation", text) && e.Langs.Holds(lang, "answer.imminent", text) && !e.evictionOnly(lang, text)
	}},
	// Kindergeld or Elterngeld named ("the Familienkasse has not answered for 5 months"): who
	// pays it, which the offices listed for money (the Jobcenter) do not (J12, both testers).
	{"safety.family_benefits", phraseTold("answer.family_benefits")},
	// Registering one's address (Anmeldung) named: where it is done, which is not the
	// Ausländerbehörde listed for residence (J12: Polish and Romanian workers were sent there).
	{"safety.registration", phraseTold("answer.registration")},
	// Care for an old or ill person named (Pflege, a care level, dementia): the first step,
	// which the offices listed for health do not name (J12, both testers).
	{"safety.care", phraseTold("answer.care")},
	// A writer who cannot phone (deaf, hard of hearing): how to reach the offices and the
	// emergency services without a call (J12: a deaf person got phone numbers only).
	{"safety.no_calls", phraseTold("answer.no_calls")},
	// Despair said without a danger ("nobody helps me", "I don't know what to do anymore"),
	// or crying faces alone: a human word and where to talk (J12: it was never acknowledged).
	// With a danger, its own lines say it.
	{"safety.despair", func(e *Engine, lang, text string, danger []directory.Topic) bool {
		return len(danger) == 0 && (e.Langs.Holds(lang, "answer.despair", text) || onlySadFaces(text))
	}},
}

// phraseTold is told for a plight whose phrases (answer list id) the message holds.
func phraseTold(id string) func(*Engine, string, string, []directory.Topic) bool {
	return func(e *Engine, lang, text string, _ []directory.Topic) bool { return e.Langs.Holds(lang, id, text) }
}

// evictionOnly says whether text, which holds a word for a deportation, names housing and
// neither residence nor asylum: French "expulsé" and kin also mean evicted ("on va m'expulser
// de mon appartement demain"), which is no deportation.
func (e *Engine) evictionOnly(lang, text string) bool {
	topics := e.Langs.RecognizeTopics(lang, text)
	return slices.Contains(topics, housingTopic) && !slices.Contains(topics, residenceTopic) && !slices.Contains(topics, asylumTopic)
}

// sadFaces are emoji of crying and grief: a message of them alone is a mood, not a message
// not understood (J12 RTL: "😭😭" got "Sorry, I did not understand").
const sadFaces = "😭😢😞😔💔😿🥺☹🙁😥😓😩😫🥲😪"

// onlySadFaces says whether text holds sad faces (sadFaces) and nothing else but spaces and the
// marks that go with emoji (variation selectors, skin tones, joiners).
func onlySadFaces(text string) bool {
	found := false
	for _, r := range text {
		switch {
		case strings.ContainsRune(sadFaces, r):
			found = true
		case r == '\ufe0f' || r == '\u200d' || r >= 0x1f3fb && r <= 0x1f3ff || unicode.IsSpace(r):
		default:
			return false
		}
	}
	return found
}

// TopicList names the needs, as the reader's language joins a list. Several are quoted:
// labels such as "Family and children" hold the list's own conjunction.
func TopicList(ts []directory.Topic) dialog.Text {
	if len(ts) == 1 {
		return TopicLabel(ts[0])
	}
	labels := make([]dialog.Text, len(ts))
	for i, t := range ts {
		labels[i] = dialog.T("topic.quoted", "Topic", TopicLabel(t))
	}
	return dialog.List(labels...)
}

// moreNeed is a further need of the person, with the add-on services for it that the result
// does not name already.
type moreNeed struct {
	topic    directory.Topic
	services []directory.Match
}

// matchMore finds the add-on services of every further need, leaving out those named already
// and those that lead nowhere (reachable).
func (e *Engine) matchMore(ctx context.Context, s *State, f *found) error {
	named := func(id string) bool {
		has := func(ms []directory.Match) bool {
			return slices.ContainsFunc(ms, func(m directory.Match) bool { return m.Office.ID == id })
		}
		if has(f.Offices) || has(f.Services) || has(f.youth) {
			return true
		}
		return slices.ContainsFunc(f.more, func(n moreNeed) bool { return has(n.services) })
	}
	for _, t := range s.needs()[1:] {
		m, err := e.Dir.Match(ctx, directory.Query{Age: s.decidingAge(), Topic: t, Language: s.Lang, Lat: s.Lat, Lon: s.Lon, Place: s.Place, Limit: 1})
		if err != nil {
			return err
		}
		need := moreNeed{topic: t}
		for _, svc := range m.Services {
			if !named(svc.Office.ID) && reachable(&svc.Office) && len(need.services) < maxMoreServices {
				need.services = append(need.services, svc)
			}
		}
		f.more = append(f.more, need)
	}
	return nil
}

// reachable reports whether an office can be reached: by phone, e-mail, website or at an
// address, or whether it is the one responsible for the person's place (Serves: matching left
// out those of other places), which is worth knowing by name alone ("Jobcenter Landkreis
// Kassel", not the city's; its lines say to ask a counselling office how to reach it). A
// further need names only such services; the others would lead nowhere.
func reachable(o *directory.Office) bool {
	return o.Phone != "" || o.Email != "" || o.Website != "" || o.Street != "" || len(o.Serves) > 0
}

// moreLines says, for each further need, the services that help with it, or that the
// counselling office named first helps with it too. A young child's family matters are the
// youth welfare office's, named below.
func moreLines(f found, add func(...dialog.Text), blocks func([]directory.Match)) {
	for _, n := range f.more {
		switch {
		case n.topic == familyTopic && len(f.youth) > 0 && len(n.services) == 0:
		case len(n.services) > 0:
			add(dialog.Raw(""), dialog.T("result.more_services", "Topic", TopicLabel(n.topic)))
			blocks(n.services)
		case len(f.Offices) > 0:
			add(dialog.Raw(""), dialog.T("result.more_office", "Topic", TopicLabel(n.topic)))
		}
	}
}

// briefLines describe an add-on service of a further need in a few lines: its name, address
// and phone (or, without a phone, its e-mail or website), so that a result with several needs
// stays short enough to read on a phone.
func briefLines(m directory.Match, n int) []dialog.Text {
	o := &m.Office
	lines := []dialog.Text{dialog.T("office.title", "Number", n, "Name", dialog.Raw(o.Name))}
	if addr := address(o); addr != "" {
		lines = append(lines, dialog.T("office.address", "Address", dialog.Raw(addr)))
	}
	switch {
	case o.Phone != "":
		lines = append(lines, dialog.T("office.phone", "Phone", dialog.LTR(o.Phone)))
	case o.Email != "":
		lines = append(lines, dialog.T("office.email", "Email", dialog.LTR(o.Email)))
	case o.Website != "":
		lines = append(lines, dialog.T("office.website", "Website", dialog.LTR(o.Website)))
	case knownByName(o):
		lines = append(lines, dialog.T("office.reach_unknown"))
	}
	return lines
}
