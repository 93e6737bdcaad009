package conversation

import (
	"strings"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// HoursText writes stored opening hours as a newcomer reads them (weekday names in the
// reader's language, one rule a line), or nil when there are none: for the staff side, which
// shows counsellors what it understood before saving.
func HoursText(value string) *dialog.Text { return hoursText(value) }

// ruleTimes says what one rule of opening hours says about its days: closed, its spans, or
// that they are by appointment only.
func ruleTimes(r directory.HoursRule) dialog.Text {
	switch {
	case r.Off:
		return dialog.T("hours.closed")
	case len(r.Days) == 0:
		return dialog.T("hours.office_appointment")
	case len(r.Spans) == 0:
		return dialog.T("hours.appointment")
	}
	spans := make([]dialog.Text, len(r.Spans))
	for i, sp := range r.Spans {
		spans[i] = dialog.LTR(strings.Replace(sp.String(), "-", "–", 1))
	}
	if r.Appointment {
		return dialog.T("hours.times_appointment", "Times", dialog.List(spans...))
	}
	return dialog.List(spans...)
}

// WeekdayLabel is a weekday's short name in the reader's language, as opening hours say it.
func WeekdayLabel(d time.Weekday) dialog.Text { return dialog.T(dayIDs[d]) }
