package dialog

// EventKind names an anonymous usage fact. Every kind is counted by the statistics query
// (internal/store/stats.go); a test there fails when a kind below is missing from it.
//
// The dimensions each kind carries, all from bounded sets (never free text):
//
//	started            lang (the language greeted in), source (direct, link, restart), tag (the
//	                   campaign tag of a start link, [a-z0-9-]{1,32}; counted per tag by the
//	                   reports): once a conversation
//	answered           step (a Step of the newcomer dialogue), how (button, text, location,
//	                   postcode); for a postcode also area (in, out: inside the served area or not)
//	result             age_band, topic, lang, place (yes, no)
//	no_result          topic, lang: no JMD/MBE office matched
//	office_named       office: an office id named in a result
//	service_named      office: an add-on service id named in a result
//	unrecognized_topic lang: typed text at the topic question matched no topic
//	feedback           answer (yes, no)
//	feedback_reason    reason (office, phone, language, other): what was missing after a "no"
//	language_switched  from, to
//	erased             none: a person deleted their data
//	map_shown          none: an office was shown on the map
//	staff_joined       role: an invitation was redeemed
//	office_confirmed   none: a counsellor confirmed an entry unchanged
//	office_edited      field: a counsellor changed one field of an entry
//	handover_requested office, lang: a newcomer asked an office to contact them
//	handover_taken     office, hours: a counsellor took a request, whole hours after it was
//	                   sent (capped at 720)
//	handover_declined  office, reason (full, wrong_office): a counsellor declined a request
//	handover_unanswered office: no counsellor took a request within the working days allowed
type EventKind string

// The event kinds.
const (
	EventStarted           EventKind = "started"
	EventAnswered          EventKind = "answered"
	EventResult            EventKind = "result"
	EventNoResult          EventKind = "no_result"
	EventOfficeNamed       EventKind = "office_named"
	EventServiceNamed      EventKind = "service_named"
	EventUnrecognizedTopic EventKind = "unrecognized_topic"
	EventFeedback          EventKind = "feedback"
	EventFeedbackReason    EventKind = "feedback_reason"
	EventLanguageSwitched  EventKind = "language_switched"
	EventErased            EventKind = "erased"
	EventMapShown          EventKind = "map_shown"
	EventStaffJoined       EventKind = "staff_joined"
	EventOfficeConfirmed   EventKind = "office_confirmed"
	EventOfficeEdited      EventKind = "office_edited"
	EventHandoverRequested EventKind = "handover_requested"
	EventHandoverTaken     EventKind = "handover_taken"
	EventHandoverDeclined  EventKind = "handover_declined"
	EventHandoverExpired   EventKind = "handover_unanswered"
)

// EventKinds lists every kind, for the test that the statistics count them all.
var EventKinds = []EventKind{
	EventStarted, EventAnswered, EventResult, EventNoResult, EventOfficeNamed, EventServiceNamed,
	EventUnrecognizedTopic, EventFeedback, EventFeedbackReason, EventLanguageSwitched, EventErased, EventMapShown,
	EventStaffJoined, EventOfficeConfirmed, EventOfficeEdited,
	EventHandoverRequested, EventHandoverTaken, EventHandoverDeclined, EventHandoverExpired,
}
