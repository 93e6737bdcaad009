package staff

import (
	"slices"
	"testing"

	"github.com/kassel/wegweiser/internal/stats"
)

// The statistics name the roles of accounts joined and the fields of office edits by the
// staff's own lists: stats keeps copies (it cannot import staff), held to them here.
func TestStatisticsKnowTheRolesAndFields(t *testing.T) {
	var roles []string
	for _, r := range Roles {
		roles = append(roles, string(r))
	}
	if !slices.Equal(roles, stats.Roles) {
		t.Errorf("stats.Roles = %v, staff.Roles %v", stats.Roles, roles)
	}
	var fields []string
	for _, f := range append(slices.Clone(Fields), FieldName) {
		fields = append(fields, string(f))
	}
	if !slices.Equal(fields, stats.EditedFields) {
		t.Errorf("stats.EditedFields = %v, staff's fields %v", stats.EditedFields, fields)
	}
}
