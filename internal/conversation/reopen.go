package conversation

import (
	"context"
	"errors"
	"strings"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// reopenChoice reads the buttons of "tell me when it reopens": ntf<ref> asks for the consent
// for the result of that reference, ntfy<ref> gives it (valid only while that very question waits), ntfn declines.
func reopenChoice(s *State, value string, out *dialog.Output) (chosen, bool) {
	if value == reopenNo {
		if s.ReopenAsk == "" {
			return chosen{}, false
		}
		s.ReopenAsk = ""
		out.Say(dialog.T("notify.declined"))
		return chosen{}, true
	}
	consent := strings.HasPrefix(value, reopenYes)
	id, ok := resultByRef(s, strings.TrimPrefix(value, reopenYes))
	if !ok {
		return chosen{}, false
	}
	if consent && s.ReopenAsk != id {
		return chosen{}, false // a consent must answer its own question
	}
	return chosen{reopen: id, reopenAsk: !consent}, true
}

// reopen asks for the consent to be told when office id reopens (ask), or takes it: the
// office goes into the output for the runner to keep, with the chat's id sealed.
func (e *Engine) reopen(ctx context.Context, s *State, id string, ask bool, out *dialog.Output) error {
	o, err := e.Dir.Office(ctx, id)
	if errors.Is(err, directory.ErrNotFound) {
		s.ReopenAsk = ""
		out.Say(dialog.T("office.gone"))
		return nil
	}
	if err != nil {
		return err
	}
	name := dialog.Raw(o.Name)
	closed := o.ClosedOn(e.clock().today()) || (o.AcceptingNewClients != nil && !*o.AcceptingNewClients)
	if !closed {
		// The office is open and takes new clients (again, or the button was forged): there
		// is nothing to be told about.
		s.ReopenAsk = ""
		out.Say(dialog.T("stale"))
		return e.reask(ctx, s, out)
	}
	if ask {
		s.ReopenAsk = id
		out.Messages = append(out.Messages, dialog.Message{Lines: []dialog.Text{dialog.T("notify.ask", "Office", name)},
			Buttons: [][]dialog.Button{{button(dialog.T("notify.yes"), prefixResult, resReopen+reopenYes+resultRef(id)),
				button(dialog.T("notify.no"), prefixResult, resReopen+reopenNo)}}})
		return nil
	}
	s.ReopenAsk = ""
	out.Reopen = append(out.Reopen, id)
	out.Say(dialog.T("notify.done", "Office", name))
	return nil
}
