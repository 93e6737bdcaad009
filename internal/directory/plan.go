package directory

import "slices"

// Action is what an import does to one office.
type Action string

// The actions of an import.
const (
	ActionInsert  Action = "insert"  // a new office
	ActionUpdate  Action = "update"  // fields of an active office change
	ActionRestore Action = "restore" // an archived office comes back (perhaps changed)
	ActionArchive Action = "archive" // an office missing from the file is archived (replace)
)

// FieldChange is one column of an office that an import changes.
type FieldChange struct {
	Column   string
	Old, New string
}

// PlannedChange is what an import would do to one office.
type PlannedChange struct {
	ID, Name string
	Action   Action
	Fields   []FieldChange // by column, in the order of Columns; none for ActionArchive
}

// Plan is what importing a file would change, before anything is applied: the dry run of the
// web console's import. Its counts are those the store's import reports when applied.
type Plan struct {
	Changes   []PlannedChange // in the file's order, then the offices to archive by id
	Unchanged int
}

// Count returns how many changes have action a.
func (p *Plan) Count(a Action) int {
	n := 0
	for _, c := range p.Changes {
		if c.Action == a {
			n++
		}
	}
	return n
}

// PlanImport compares a validated file (incoming) with the directory (existing, archived
// offices included): offices equal to their active entry are unchanged, the others inserted,
// updated or restored, and with replace the active offices missing from the file archived.
func PlanImport(existing, incoming []Office, replace bool) Plan {
	byID := make(map[string]*Office, len(existing))
	for i := range existing {
		byID[existing[i].ID] = &existing[i]
	}
	var p Plan
	keep := map[string]bool{}
	for i := range incoming {
		o := &incoming[i]
		keep[o.ID] = true
		old, had := byID[o.ID]
		if had {
			CarryClosureStart(old, o)
		}
		newRec := Record(o)
		switch {
		case had && !old.Archived && slices.Equal(Record(old), newRec):
			p.Unchanged++
			continue
		case !had:
			p.Changes = append(p.Changes, PlannedChange{ID: o.ID, Name: o.Name, Action: ActionInsert, Fields: diff(nil, newRec)})
		case old.Archived:
			p.Changes = append(p.Changes, PlannedChange{ID: o.ID, Name: o.Name, Action: ActionRestore, Fields: diff(Record(old), newRec)})
		default:
			p.Changes = append(p.Changes, PlannedChange{ID: o.ID, Name: o.Name, Action: ActionUpdate, Fields: diff(Record(old), newRec)})
		}
	}
	if !replace {
		return p
	}
	ids := make([]string, 0, len(existing))
	for i := range existing {
		if o := &existing[i]; !o.Archived && !keep[o.ID] {
			ids = append(ids, o.ID)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		p.Changes = append(p.Changes, PlannedChange{ID: id, Name: byID[id].Name, Action: ActionArchive})
	}
	return p
}

// diff lists the columns whose values differ between two records (old nil: a new office).
func diff(old, new []string) []FieldChange {
	var out []FieldChange
	for i, col := range Columns {
		o := ""
		if old != nil {
			o = old[i]
		}
		if o != new[i] {
			out = append(out, FieldChange{Column: col, Old: o, New: new[i]})
		}
	}
	return out
}
