package conversation

import "github.com/kassel/wegweiser/internal/dialog"

// AgeBandLabel names an age band as the statistics record it (the age question's buttons:
// u12, 12-17, 18-26, 27+); ok is false for a value that is no band.
func AgeBandLabel(band string) (label dialog.Text, ok bool) {
	id, ok := bandLabels[band]
	return dialog.T(id), ok
}
