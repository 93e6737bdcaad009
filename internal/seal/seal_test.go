package seal

import (
	"bytes"
	"testing"
)

func TestSealOpen(t *testing.T) {
	a, err := New([]byte("0123456789abcdef"), "outbox")
	if err != nil {
		t.Fatal(err)
	}
	plain := []byte(`{"chat_id":4711,"text":"hallo"}`)
	s1, s2 := a.Seal(plain), a.Seal(plain)
	if bytes.Contains(s1, []byte("4711")) || bytes.Contains(s1, []byte("hallo")) {
		t.Fatal("sealed data holds the plain text")
	}
	if bytes.Equal(s1, s2) {
		t.Fatal("two seals of the same data are equal: the nonce is not random")
	}
	got, err := a.Open(s1)
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("Open = %q, %v", got, err)
	}
	other, _ := New([]byte("0123456789abcdef"), "inbox")
	if _, err := other.Open(s1); err != ErrOpen {
		t.Errorf("opened with another purpose's key: %v", err)
	}
	s1[len(s1)-1] ^= 1
	if _, err := a.Open(s1); err != ErrOpen {
		t.Errorf("opened altered data: %v", err)
	}
	if _, err := a.Open([]byte("short")); err != ErrOpen {
		t.Errorf("opened a short input: %v", err)
	}
	if _, err := New(nil, "x"); err == nil {
		t.Error("a box without a secret")
	}
}

func TestSealedForOneOwner(t *testing.T) {
	a, err := New([]byte("0123456789abcdef"), "state")
	if err != nil {
		t.Fatal(err)
	}
	plain := []byte(`{"age":34}`)
	s := a.SealFor(plain, []byte("chat:a"))
	if got, err := a.OpenFor(s, []byte("chat:a")); err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("OpenFor = %q, %v", got, err)
	}
	if _, err := a.OpenFor(s, []byte("chat:b")); err != ErrOpen {
		t.Errorf("opened for another owner: %v", err)
	}
	if _, err := a.Open(s); err != ErrOpen {
		t.Errorf("opened without its owner: %v", err)
	}
}
