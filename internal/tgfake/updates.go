package tgfake

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/go-telegram/bot/models"
)

// queued is an update waiting in the queue. A forced one (PushDuplicate) is handed out once
// even when the offset already confirmed its id.
type queued struct {
	id    int64
	raw   []byte
	force bool
}

// PushUpdate queues u for getUpdates and returns its update_id. When u.ID is 0 it gets the
// next id (ids count up from 1); an explicit id is kept as is.
func (s *Server) PushUpdate(u models.Update) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.ID == 0 {
		s.lastUpdateID++
		u.ID = s.lastUpdateID
	} else if u.ID > s.lastUpdateID {
		s.lastUpdateID = u.ID
	}
	raw, err := json.Marshal(&u) // by pointer: MaybeInaccessibleMessage marshals with a pointer receiver
	if err != nil {
		s.t.Errorf("tgfake: PushUpdate: can't encode update %d: %v", u.ID, err)
		return u.ID
	}
	s.enqueueLocked(queued{id: u.ID, raw: raw})
	return u.ID
}

// PushRaw queues an update given as JSON text, delivered verbatim, and returns its update_id.
// A JSON object without a (non-zero) update_id gets the next id added; text that is not a JSON
// object is delivered as it is (making the whole getUpdates answer undecodable, as a broken
// update would) and only tracked under the next id.
func (s *Server) PushRaw(raw string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	data := []byte(raw)
	var id int64
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err == nil && obj != nil {
		_ = json.Unmarshal(obj["update_id"], &id)
		if id == 0 {
			s.lastUpdateID++
			id = s.lastUpdateID
			obj["update_id"] = json.RawMessage(strconv.FormatInt(id, 10))
			data, _ = json.Marshal(obj)
		} else if id > s.lastUpdateID {
			s.lastUpdateID = id
		}
	} else {
		s.lastUpdateID++
		id = s.lastUpdateID
	}
	s.enqueueLocked(queued{id: id, raw: data})
	return id
}

// PushDuplicate queues again the update that was pushed with id, to simulate Telegram's
// at-least-once delivery. The copy is handed out by the next getUpdates even if the bot already
// confirmed the id with its offset. An id never pushed fails the test.
func (s *Server) PushDuplicate(id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	raw, ok := s.history[id]
	if !ok {
		s.t.Errorf("tgfake: PushDuplicate: no update with id %d was pushed", id)
		return
	}
	s.enqueueLocked(queued{id: id, raw: raw, force: true})
}

// Pending is the number of queued updates not yet confirmed by a getUpdates offset.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.pending)
}

func (s *Server) enqueueLocked(q queued) {
	s.history[q.id] = q.raw
	s.pending = append(s.pending, q)
	sort.SliceStable(s.pending, func(i, j int) bool { return s.pending[i].id < s.pending[j].id })
	close(s.queueChanged)
	s.queueChanged = make(chan struct{})
}

// confirmLocked applies a getUpdates offset: a positive one drops updates with smaller ids
// (except forced copies not yet handed out), a negative one keeps only the last -offset.
func (s *Server) confirmLocked(offset int64) {
	switch {
	case offset > 0:
		kept := s.pending[:0]
		for _, q := range s.pending {
			if q.id >= offset || q.force {
				kept = append(kept, q)
			}
		}
		clear(s.pending[len(kept):])
		s.pending = kept
	case offset < 0:
		if n := int(-offset); n < len(s.pending) {
			s.pending = append([]queued(nil), s.pending[len(s.pending)-n:]...)
		}
	}
}

// getUpdates answers with up to limit queued updates, long-polling up to timeout seconds while
// there are none, until the request is cancelled or the test ends.
func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, call Call) {
	p := call.Params
	offset, _ := strconv.ParseInt(p["offset"], 10, 64)
	limit, err := strconv.Atoi(p["limit"])
	if err != nil || limit < 1 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(p["timeout"])

	s.mu.Lock()
	if list, ok := p["allowed_updates"]; ok {
		s.allowLocked(list)
	}
	webhook := s.webhookURL != ""
	call.Failed = webhook
	s.recordLocked(call) // recorded on arrival, so WaitFor sees a poll that is still waiting
	s.mu.Unlock()
	if webhook {
		writeFault(w, &Fault{Code: http.StatusConflict,
			Description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"})
		return
	}

	expired := timeout <= 0
	timer := time.NewTimer(time.Duration(max(timeout, 0)) * time.Second)
	defer timer.Stop()
	for {
		s.mu.Lock()
		s.confirmLocked(offset)
		var batch [][]byte
		for i := 0; i < len(s.pending) && len(batch) < limit; i++ {
			if !s.allowedLocked(s.pending[i].raw) {
				// Telegram never hands out a kind the bot did not ask for: it is gone.
				s.pending = slices.Delete(s.pending, i, i+1)
				i--
				continue
			}
			batch = append(batch, s.pending[i].raw)
			s.pending[i].force = false
		}
		changed := s.queueChanged
		s.mu.Unlock()

		if len(batch) > 0 || expired {
			writeResult(w, rawJSON(append(append([]byte("["), bytes.Join(batch, []byte(","))...), ']')))
			return
		}
		select {
		case <-changed:
		case <-timer.C:
			expired = true
		case <-r.Context().Done():
			return
		case <-s.done:
			writeResult(w, rawJSON("[]"))
			return
		}
	}
}

// notByDefault are the kinds Telegram sends only to a bot that names them in allowed_updates.
var notByDefault = map[string]bool{"chat_member": true, "message_reaction": true, "message_reaction_count": true}

// allowLocked keeps the kinds of an allowed_updates parameter (a JSON list; an empty one asks
// for the default kinds again). A parameter that is no list of strings is ignored.
func (s *Server) allowLocked(list string) {
	var kinds []string
	if err := json.Unmarshal([]byte(list), &kinds); err != nil {
		return
	}
	if len(kinds) == 0 {
		s.allowed = nil
		return
	}
	s.allowed = map[string]bool{}
	for _, k := range kinds {
		s.allowed[k] = true
	}
}

// allowedLocked says whether an update of this JSON is of a kind the bot asks for; one that is
// no JSON object (a broken update, PushRaw) is handed out as it is.
func (s *Server) allowedLocked(raw []byte) bool {
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil || obj == nil {
		return true
	}
	for k := range obj {
		if k == "update_id" {
			continue
		}
		if s.allowed == nil {
			return !notByDefault[k]
		}
		return s.allowed[k]
	}
	return true
}
