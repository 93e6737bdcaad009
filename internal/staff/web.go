package staff

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"time"

	"github.com/kassel/wegweiser/internal/dialog"
)

// WebLoginTTL is how long a sign-in link for the web console works; it works once.
const WebLoginTTL = 10 * time.Minute

// WebLogins keeps the web console's sign-in links; the PostgreSQL store implements it.
type WebLogins interface {
	CreateWebLogin(ctx context.Context, tokenHash []byte, staffID int64, expires time.Time) error
}

// Web console errors.
var (
	// ErrWebLoginInvalid: the sign-in link is unknown, used, expired, or its account revoked.
	ErrWebLoginInvalid = errors.New("staff: sign-in link unknown, used or expired")
	// ErrNoWebSession: the session is unknown, idle too long, or its account revoked.
	ErrNoWebSession = errors.New("staff: no active web session")
)

// NewWebToken returns a random token (256 bits, URL-safe) for a sign-in link or a session;
// only HashCode of it is stored.
func NewWebToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand does not fail on supported systems
	return base64.RawURLEncoding.EncodeToString(b)
}

// IssueWebLogin makes a one-time sign-in token for the staff account staffID, valid for
// WebLoginTTL from now, stores its hash and returns the token.
func IssueWebLogin(ctx context.Context, w WebLogins, staffID int64, now time.Time) (string, error) {
	token := NewWebToken()
	if err := w.CreateWebLogin(ctx, HashCode(token), staffID, now.Add(WebLoginTTL)); err != nil {
		return "", err
	}
	return token, nil
}

// webLogin answers /web: a sign-in link for the web console, with a button for a fresh one.
func (e *Engine) webLogin(ctx context.Context, m *Member, out *dialog.Output) error {
	if e.WebLogins == nil || e.WebLink == nil {
		out.Messages = append(out.Messages, say(t("staff.web.off")))
		return nil
	}
	token, err := IssueWebLogin(ctx, e.WebLogins, m.ID, e.Now())
	if err != nil {
		return err
	}
	out.Messages = append(out.Messages, dialog.Message{
		Lines:   []text{t("staff.web.link", "Link", dialog.LTR(e.WebLink(token)))},
		Buttons: [][]button{{btn(t("staff.web.again"), codeWebLink)}},
	})
	return nil
}

// webLinkTapped answers the button for a fresh sign-in link; choice checked ActionWebLogin.
func (e *Engine) webLinkTapped(ctx context.Context, m *Member, _ press, out *dialog.Output) error {
	return e.webLogin(ctx, m, out)
}
