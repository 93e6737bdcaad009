package conversation

import (
	"github.com/kassel/wegweiser/internal/dialog"
	"github.com/kassel/wegweiser/internal/directory"
)

// AgeBandLabel names an age band as the statistics count it (u12, 12-17, 18-26, 27+) in the
// reader's language, as the age buttons say it.
func AgeBandLabel(band string) dialog.Text {
	if id, ok := bandLabels[band]; ok {
		return dialog.T(id)
	}
	return dialog.Raw(band)
}

// AgeBandRange is the youngest and oldest age of an age band (the oldest of 27+ is the oldest
// age read, 120); false for a value that is no band.
func AgeBandRange(band string) (lo, hi int, ok bool) {
	switch band {
	case bandUnder12:
		return 0, directory.JMDMinAge - 1, true
	case band12to17:
		return directory.JMDMinAge, 17, true
	case band18to26:
		return 18, directory.MBEMinAge - 1, true
	case band27plus:
		return directory.MBEMinAge, maxAge, true
	}
	return 0, 0, false
}

// BandAge stands in for the age of a band: any age of the band routes the same.
func BandAge(band string) (int, bool) {
	age, ok := bandAges[band]
	return age, ok
}

// AgeBands are the age bands in their order.
var AgeBands = []string{bandUnder12, band12to17, band18to26, band27plus}
