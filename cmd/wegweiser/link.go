package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/skip2/go-qrcode"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/i18n"
)

// qrSize is the side of the QR code image in pixels: enough for a flyer at 4 cm.
const qrSize = 512

// link prints a start link: with --lang the bot opens in that language, with --tag the starts
// are counted for that campaign. --qr writes its QR code as a PNG.
func (e *env) link(ctx context.Context, args []string) error {
	fs := e.flags("link")
	lang := fs.String("lang", "", "the language the bot opens in (de, ar, fa-AF, ...); empty: the newcomer picks")
	tag := fs.String("tag", "", "campaign tag counted in the statistics: 1 to 32 of a-z, 0-9 and -")
	qr := fs.String("qr", "", "also write the link as a QR code to this PNG file")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		return exitError{2}
	}
	payload, err := startPayload(*lang, *tag)
	if err != nil {
		return err
	}
	username := e.botUsername(ctx)
	if username == "" {
		return errors.New("link: the bot's username is not known: set TELEGRAM_BOT_USERNAME (or TELEGRAM_BOT_TOKEN to ask Telegram)")
	}
	link := inviteLink(username, payload)
	if *qr != "" {
		if err := qrcode.WriteFile(link, qrcode.Medium, qrSize, *qr); err != nil {
			return fmt.Errorf("link: QR code: %w", err)
		}
	}
	fmt.Fprintln(e.stdout, link)
	return nil
}

// startPayload is the /start payload of a link: the language, the tag, or both joined by a
// hyphen, as the newcomer dialogue reads them.
func startPayload(lang, tag string) (string, error) {
	if lang != "" && !slices.Contains(i18n.Shipped, lang) {
		return "", fmt.Errorf("link: --lang must be one of %v", i18n.Shipped)
	}
	if tag != "" && !conversation.ValidTag(tag) {
		return "", errors.New("link: --tag must be 1 to 32 of a-z, 0-9 and -")
	}
	switch {
	case lang != "" && tag != "":
		return lang + "-" + tag, nil
	case lang == "" && tag == "":
		return "", errors.New("link: give --lang, --tag or both")
	case slices.ContainsFunc(i18n.Shipped, func(l string) bool {
		return strings.EqualFold(tag, l) || len(tag) > len(l) && strings.EqualFold(tag[:len(l)+1], l+"-")
	}):
		return "", fmt.Errorf("link: a tag without --lang must not begin like a language (%q): the bot would read it as one", tag)
	}
	return lang + tag, nil
}
