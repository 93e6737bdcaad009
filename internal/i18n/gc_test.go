package i18n

import (
	"runtime"
	"testing"

	"github.com/kassel/wegweiser/locales"
)

// TestCatalogIsCheapToTrace: the garbage collector traces every object a running bot holds,
// on every collection (several a second under load), and a collection's cost follows their
// number. The keyword lists of every language hold some 140,000 words; kept as strings and
// slices of their own they were 380,000 objects, and each collection cost 14 ms of a 2-core
// machine's time, which users felt as answers late by as much in the load benchmark. The
// recognizer keeps them in a few flat arrays (recognize/index.go), and the lists of answers
// are cut from one string each (says.go): the whole catalog was then about 135,000 objects,
// and with the lists grown since (the common questions in every language, places near the
// town, "I don't know my age") about 146,000, 151,000 under the race detector that make test
// uses; with the common questions in own words, the months' names, the plea, the outsiders and
// the phrases for no bed tonight, 160,000 and 165,500. The bound is there to catch a return to
// objects per word, not a few more phrases.
func TestCatalogIsCheapToTrace(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	c, err := Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if n := int64(after.HeapObjects) - int64(before.HeapObjects); n > 180_000 {
		t.Errorf("the loaded catalog holds %d objects, want fewer than 180,000", n)
	}
	runtime.KeepAlive(c)
}
