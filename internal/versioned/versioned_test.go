package versioned

import (
	"context"
	"testing"
)

func TestCopyLoadsOnlyWhenANewerVersionIsSeen(t *testing.T) {
	ctx := context.Background()
	stored, loads := 3, 0
	c := &Copy[int]{Load: func(context.Context) (*int, int64, error) {
		loads++
		v := stored * 10
		return &v, int64(stored), nil
	}}
	if v, n, err := c.Get(ctx); err != nil || *v != 30 || n != 3 || loads != 1 {
		t.Fatalf("first Get: %v %d %v, %d loads", *v, n, err, loads)
	}
	for _, seen := range []int64{0, 2, 3} {
		if err := c.Refresh(ctx, seen); err != nil || loads != 1 {
			t.Fatalf("Refresh(%d) with the copy at 3: %v, %d loads", seen, err, loads)
		}
	}
	stored = 5
	if err := c.Refresh(ctx, 4); err != nil || loads != 2 {
		t.Fatalf("Refresh(4): %v, %d loads", err, loads)
	}
	if n, err := c.Version(ctx); err != nil || n != 5 {
		t.Errorf("after loading again: version %d, %v", n, err)
	}
}
