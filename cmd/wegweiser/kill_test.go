package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
	"github.com/kassel/wegweiser/internal/pgtest"
	"github.com/kassel/wegweiser/internal/store"
	"github.com/kassel/wegweiser/internal/tgfake"
	"github.com/kassel/wegweiser/migrations"
)

// kill -9 between storing a turn and sending its answer: the answer waits in the outbox, and
// the next process sends it, exactly once, in polling and in webhook mode.
func TestKillBetweenCommitAndSend(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "wegweiser")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	for _, mode := range []string{"polling", "webhook"} {
		t.Run(mode, func(t *testing.T) {
			fake := tgfake.New(t)
			url := pgtest.NewDatabase(t)
			env := append(os.Environ(), "DATABASE_URL="+url, "TELEGRAM_BOT_TOKEN=123:test",
				"TELEGRAM_API_URL="+fake.URL(), "WEGWEISER_SECRET=0123456789abcdef0123")
			const secret = "webhook-secret-0123456789"
			if mode == "webhook" {
				env = append(env, "WEBHOOK_URL=https://bot.example.org/hook", "WEBHOOK_SECRET="+secret)
			}
			start := func() (*exec.Cmd, string, *bytes.Buffer) {
				addr := freeAddr(t)
				cmd := exec.Command(bin, "serve")
				var logs bytes.Buffer
				cmd.Env = append(env, "LISTEN_ADDR="+addr)
				cmd.Stdout, cmd.Stderr = &logs, &logs
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
				waitReady(t, addr)
				return cmd, addr, &logs
			}
			const chat = 9100
			send := func(addr string, u models.Update) {
				if mode == "polling" {
					fake.PushUpdate(u)
					return
				}
				body, _ := json.Marshal(&u)
				req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/hook", bytes.NewReader(body))
				req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
				resp, err := http.DefaultClient.Do(req)
				if err != nil || resp.StatusCode != http.StatusOK {
					t.Fatalf("webhook: %v %v", resp, err)
				}
				resp.Body.Close()
			}
			first, addr, logs := start()
			hello := tgfake.MessageFrom(chat, "/start en", "en")
			hello.ID = 501
			send(addr, hello)
			fake.WaitFor(t, "sendMessage", 1, 20*time.Second)
			fake.FailNext("sendMessage", 100000, 502, 0) // Telegram's side fails: the answer waits in the outbox
			age := tgfake.MessageFrom(chat, "30", "en")
			age.ID = 502
			send(addr, age)
			fake.WaitFor(t, "sendMessage", 2, 20*time.Second) // stored and tried once
			// The welcome's outbox row is removed a moment after it was sent (in batches, see
			// ackEvery): killed before that, the next process would send it again, as it may.
			// The kill comes when only the answer that failed waits.
			waitOutbox(t, url, 1)
			if err := first.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			_ = first.Wait()
			fake.Heal()
			before := len(fake.Texts(chat))
			second, _, logs2 := start()
			defer func() { _ = second.Process.Signal(syscall.SIGTERM); _ = second.Wait() }()
			deadline := time.Now().Add(4 * store.Lease) // webhook replicas wait for the dead one's lease
			for len(fake.Texts(chat)) == before && time.Now().Before(deadline) {
				time.Sleep(100 * time.Millisecond)
			}
			time.Sleep(500 * time.Millisecond) // a second copy would arrive meanwhile
			texts := fake.Texts(chat)
			if len(texts) != before+1 || !strings.Contains(texts[len(texts)-1], "What do you need help with") {
				t.Errorf("after kill -9 and a restart the user got %q, want the topic question once\nfirst:\n%s\nsecond:\n%s", texts[before:], logs, logs2)
			}
		})
	}
}

// waitOutbox waits until the outbox holds n answers.
func waitOutbox(t *testing.T, url string, n int) {
	t.Helper()
	st, err := store.Open(context.Background(), url, migrations.FS)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got, _, err := st.OutboxPending(context.Background())
		if err == nil && got == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the outbox holds %d answers (%v), want %d", got, err, n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitReady waits until serve answers /readyz.
func waitReady(t *testing.T, addr string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get("http://" + addr + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("serve did not become ready")
}
