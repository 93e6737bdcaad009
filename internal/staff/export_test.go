package staff

// TapRow is one row of the button table as the tests see it.
type TapRow struct {
	Code string // the button data of the code without an argument, e.g. "s:ad:new"
	Need Action // "" for cancel
}

// TapRows lists the button table, in order.
func TapRows() []TapRow {
	var rows []TapRow
	for _, r := range taps {
		rows = append(rows, TapRow{Code: code(r.code), Need: r.need})
	}
	return rows
}

// CodeOf returns the code of button data as the dispatcher reads it (without the argument),
// and whether the data is a staff button's at all.
func CodeOf(data string) (string, bool) {
	c, _, ok := parse(data)
	return code(c), ok
}

// SaveData is the data of the Save button under what m's flow previews or toggles now.
func SaveData(m *Member) string {
	return code(codeSave, saveArg(m.Flow.Field, m.Flow.Pending))
}
