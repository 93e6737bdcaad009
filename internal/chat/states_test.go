package chat

import (
	"testing"
	"time"
)

func TestKeptStatesServeForAnHour(t *testing.T) {
	var s states
	t0 := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	s.put("a", keptState{state: []byte("{}"), version: 1, at: t0})
	s.put("b", keptState{state: []byte("{}"), version: 1, at: t0.Add(50 * time.Minute)})
	if _, ok := s.get("a", t0.Add(59*time.Minute)); !ok {
		t.Fatal("a state kept 59 minutes ago is gone")
	}
	if _, ok := s.get("a", t0.Add(61*time.Minute)); ok {
		t.Error("a state kept 61 minutes ago still serves")
	}
	// A later write sweeps what expired, read or not.
	s.put("c", keptState{state: []byte("{}"), version: 1, at: t0.Add(115 * time.Minute)})
	if _, ok := s.m["b"]; ok {
		t.Error("an expired state stayed in memory after a sweep")
	}
	s.drop("c")
	if len(s.m) != 0 {
		t.Errorf("left in memory: %v", s.m)
	}
}
