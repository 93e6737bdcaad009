package conversation

import (
	"context"
	"errors"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// childAloneLines answer a child under 12 who is in Germany without a parent: the youth
// welfare office with its contact where the directory has it, what to do when it has no
// phone number, and always the emergency numbers and the helpline for children.
func childAloneLines(f found, add func(...dialog.Text), blocks func([]directory.Match)) {
	add(dialog.T("result.child_alone"))
	if len(f.Services) > 0 {
		add(dialog.Raw(""), dialog.T("child.contact"))
		blocks(f.Services)
	}
	if !anyPhone(f.Services) {
		add(dialog.Raw(""), dialog.T("child.no_phone"))
	}
	add(dialog.Raw(""), dialog.T("safety.children"), dialog.T("safety.emergency"))
}

func anyPhone(ms []directory.Match) bool {
	for _, m := range ms {
		if m.Office.Phone != "" {
			return true
		}
	}
	return false
}

// onlineLines name where to get advice without an office: online counselling for the age
// (both services while the age is not known), and for a child alone the helpline for
// children and the emergency numbers.
func onlineLines(s *State) []dialog.Text {
	switch {
	case s.childAlone():
		return []dialog.Text{dialog.T("safety.children"), dialog.T("safety.emergency")}
	case !s.ageKnown():
		return []dialog.Text{dialog.T("online.mbeon"), dialog.T("online.jmd4you")}
	case s.decidingAge() >= directory.MBEMinAge:
		return []dialog.Text{dialog.T("online.mbeon")}
	}
	return []dialog.Text{dialog.T("online.jmd4you")}
}

// unsupported answers a voice message, a photo, a sticker or a file: only text is read. It
// says how to reach a person (the phone of the best office found so far, and online
// counselling for the age), then the current question again.
func (e *Engine) unsupported(ctx context.Context, s *State, out *dialog.Output) error {
	lines := []dialog.Text{dialog.T("unsupported")}
	call, err := e.bestPhone(ctx, s)
	if err != nil {
		return err
	}
	if call != nil {
		lines = append(lines, *call)
	}
	out.Say(append(lines, onlineLines(s)...)...)
	return e.reask(ctx, s, out)
}

// bestPhone is the line to call the best office of the last result that has a phone number,
// or nil.
func (e *Engine) bestPhone(ctx context.Context, s *State) (*dialog.Text, error) {
	for _, id := range s.Results {
		o, err := e.Dir.Office(ctx, id)
		switch {
		case errors.Is(err, directory.ErrNotFound):
			continue
		case err != nil:
			return nil, err
		case o.Phone != "":
			t := dialog.T("call.office", "Name", dialog.Raw(o.Name), "Phone", dialog.LTR(o.Phone))
			return &t, nil
		}
	}
	return nil, nil
}
