package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/store"
)

// otherCall is a call to another chat than the turn's (a hand-over's relay), with the key
// of the chat it goes to.
type otherCall struct {
	key  string
	call call
}

// renderOthers turns the messages to other chats into their calls, each in its reader's
// language.
func (a *Adapter) renderOthers(msgs []dialog.Outgoing) []otherCall {
	var out []otherCall
	for _, o := range msgs {
		key := a.runner.Key(o.ChatID)
		for _, c := range a.renderMessage(o.ChatID, o.Lang, o.Message) {
			out = append(out, otherCall{key: key, call: c})
		}
	}
	return out
}

// sealOthers seals the calls to other chats for the outbox, under their chats' keys.
func (a *Adapter) sealOthers(calls []otherCall) ([]store.Pending, error) {
	out := make([]store.Pending, len(calls))
	for i, c := range calls {
		data, err := json.Marshal(c.call)
		if err != nil {
			return nil, err
		}
		out[i] = store.Pending{ChatKey: c.key, Payload: a.outboxBox.Seal(data)}
	}
	return out, nil
}

// enqueueOthers hands the calls to other chats, stored under ids, to their chats' senders,
// each chat's in order.
func (a *Adapter) enqueueOthers(calls []otherCall, ids []int64, at time.Time) {
	if len(calls) != len(ids) {
		return // nothing was stored (the turn was a repeat): nothing to send
	}
	byChat := map[string][]outItem{}
	var order []string
	for i, c := range calls {
		if _, ok := byChat[c.key]; !ok {
			order = append(order, c.key)
		}
		byChat[c.key] = append(byChat[c.key], outItem{id: ids[i], call: c.call, at: at})
	}
	for _, key := range order {
		a.deliver.enqueue(a.work, key, byChat[key])
	}
}

// Send delivers messages no turn caused (the scheduled hand-over work), through the outbox
// like every answer: stored sealed first, then sent in order per chat, retried until
// Telegram takes them.
func (a *Adapter) Send(ctx context.Context, msgs []dialog.Outgoing) error {
	calls := a.renderOthers(msgs)
	if len(calls) == 0 {
		return nil
	}
	rows, err := a.sealOthers(calls)
	if err != nil {
		return err
	}
	ids, err := a.records.OutboxAdd(ctx, rows)
	if err != nil {
		return fmt.Errorf("telegram: send: %w", err)
	}
	a.enqueueOthers(calls, ids, time.Now())
	return nil
}

// sendFile sends a photo or document: uploaded, or by the reference Telegram gave it when a
// user sent it (a hand-over passes letters on without the bot ever reading them).
func (a *Adapter) sendFile(ctx context.Context, c call) error {
	var file models.InputFile = &models.InputFileUpload{Filename: c.File.Name, Data: bytes.NewReader(c.File.Data)}
	if c.File.Ref != "" {
		file = &models.InputFileString{Data: c.File.Ref}
	}
	var markup models.ReplyMarkup
	if c.Inline != nil {
		markup = c.Inline
	}
	var err error
	if c.File.Photo {
		_, err = a.bot.SendPhoto(ctx, &tgbot.SendPhotoParams{ChatID: c.ChatID, Photo: file, Caption: c.Text, ReplyMarkup: markup})
	} else {
		_, err = a.bot.SendDocument(ctx, &tgbot.SendDocumentParams{ChatID: c.ChatID, Document: file, Caption: c.Text, ReplyMarkup: markup})
	}
	return err
}

// attachment is the photo (its largest size) or document of a message, by reference.
func attachment(m *models.Message) *dialog.Attachment {
	if m.Document != nil {
		return &dialog.Attachment{Ref: m.Document.FileID, Name: m.Document.FileName, Size: m.Document.FileSize}
	}
	best := m.Photo[0]
	for _, p := range m.Photo[1:] {
		if p.Width*p.Height > best.Width*best.Height {
			best = p
		}
	}
	return &dialog.Attachment{Ref: best.FileID, Photo: true, Size: int64(best.FileSize)}
}
