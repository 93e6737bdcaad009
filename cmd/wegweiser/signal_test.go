package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kassel/wegweiser/internal/pgtest"
	"github.com/kassel/wegweiser/internal/tgfake"
)

// A real SIGTERM to a real serve process, with updates in flight: it exits within 10 s, and
// the next process answers what the first did not, so every update is answered once.
func TestSIGTERMWithUpdatesInFlight(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "wegweiser")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	fake := tgfake.New(t)
	fake.SetDelay("sendMessage", 40*time.Millisecond)
	env := append(os.Environ(), "DATABASE_URL="+pgtest.NewDatabase(t), "TELEGRAM_BOT_TOKEN=123:test",
		"TELEGRAM_API_URL="+fake.URL(), "WEGWEISER_SECRET=0123456789abcdef0123")
	start := func() (*exec.Cmd, *lockedBuffer) {
		cmd := exec.Command(bin, "serve")
		logs := &lockedBuffer{}
		cmd.Env = append(env, "LISTEN_ADDR="+freeAddr(t), "LOG_LEVEL=debug")
		cmd.Stdout, cmd.Stderr = logs, logs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, logs
	}
	first, logs := start()
	const chats = 10
	for c := int64(1); c <= chats; c++ {
		fake.PushUpdate(tgfake.MessageFrom(8000+c, "/start en", "en"))
	}
	fake.WaitFor(t, "sendMessage", 1, 20*time.Second) // handling has begun
	for c := int64(1); c <= chats; c++ {
		fake.PushUpdate(tgfake.MessageFrom(8000+c, "52", "en"))
	}
	began := time.Now()
	if err := first.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := first.Wait(); err != nil {
		t.Errorf("serve exited with %v after SIGTERM:\n%s", err, logs)
	}
	if took := time.Since(began); took > 10*time.Second {
		t.Errorf("serve took %v to stop, want under 10 s", took)
	}
	second, logs2 := start()
	defer func() {
		_ = second.Process.Signal(syscall.SIGTERM)
		_ = second.Wait()
	}()
	deadline := time.Now().Add(30 * time.Second)
	for c := int64(1); c <= chats; c++ {
		for len(fake.Texts(8000+c)) < 2 && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		texts := fake.Texts(8000 + c)
		if len(texts) != 2 || !strings.Contains(texts[1], "What do you need help with") {
			t.Errorf("chat %d got %d messages, want the greeting with the first question and the topic question once each: %q\nfirst:\n%s\nsecond:\n%s", c, len(texts), texts, logs, logs2)
		}
	}
}

// lockedBuffer is a log buffer a process writes to while the test may read it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
