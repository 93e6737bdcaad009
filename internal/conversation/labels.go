package conversation

import "github.com/kassel/wegweiser/internal/dialog"

// AgeBandLabel names an age band as the statistics count it (u12, 12-17, 18-26, 27+) in the
// reader's language, as the age buttons say it.
func AgeBandLabel(band string) dialog.Text {
	if id, ok := bandLabels[band]; ok {
		return dialog.T(id)
	}
	return dialog.Raw(band)
}

// AgeBands are the age bands in their order.
var AgeBands = []string{bandUnder12, band12to17, band18to26, band27plus}
