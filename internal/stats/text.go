package stats

import (
	"fmt"
	"slices"

	"github.com/kassel/wegweiser/internal/dialog"
)

// Text is a report as the bot and the CLI say it, in the reader's language: the totals, each
// section (those that must always be seen with "none" when empty), supply against demand and
// the <5 rule.
func Text(r *Report) []dialog.Text {
	lines := []dialog.Text{r.Title(), dialog.Raw("")}
	if r.Conversations == 0 && r.People == 0 {
		lines = append(lines, dialog.T("stats.none"), dialog.Raw(""))
	} else {
		people := r.People.String()
		if r.PeopleApprox {
			people = "≈" + people
		}
		lines = append(lines,
			dialog.T("stats.people", "Value", dialog.LTR(people)),
			dialog.T("stats.conversations", "Value", count(r.Conversations)),
			dialog.T("stats.completed", "Value", count(r.Completed), "Rate", dialog.LTR(Rate(r.Completed, r.Conversations))),
			dialog.T("stats.results", "Value", count(r.Results)),
			dialog.Raw(""))
	}
	for _, s := range r.Sections {
		if len(s.Items) == 0 && !s.Always {
			continue
		}
		lines = append(lines, s.Title)
		if s.Basis.ID != "" {
			lines = append(lines, dialog.Join("", dialog.Raw("  "), s.Basis))
		}
		for _, it := range s.Items {
			lines = append(lines, item(it.Label, it.Count))
		}
		if len(s.Items) == 0 {
			lines = append(lines, item(dialog.T("stats.nothing"), 0))
		}
		lines = append(lines, dialog.Raw(""))
	}
	lines = append(lines, r.Handover...)
	lines = append(lines, supplyText(&r.Supply)...)
	lines = append(lines, dialog.T("stats.small"))
	if r.withheld() {
		lines = append(lines, dialog.T("stats.withheld"))
	}
	return lines
}

// withheld says whether a count the text shows is withheld ("x"): in a section, the
// hand-overs or supply against demand. Its footnote (stats.withheld) is said only then.
func (r *Report) withheld() bool {
	var counts []Count
	for _, s := range r.Sections {
		for _, it := range s.Items {
			counts = append(counts, it.Count)
		}
	}
	for _, h := range r.HandoverRows {
		counts = append(counts, h.Counts...)
	}
	for _, d := range slices.Concat(r.Supply.Languages, r.Supply.Topics) {
		counts = append(counts, d.Asked)
	}
	return slices.Contains(counts, Withheld)
}

// Withheld says whether a count of the report is withheld ("x"), the figures beside the
// sections (More) included: a page that shows it says once what "x" means (stats.withheld).
func (r *Report) Withheld() bool {
	if r.withheld() {
		return true
	}
	for _, s := range r.More {
		for _, it := range s.Items {
			if it.Count == Withheld {
				return true
			}
		}
	}
	return false
}

// SupplyText says supply against demand, as Text does.
func SupplyText(r *Report) []dialog.Text { return supplyText(&r.Supply) }

// supplyText says supply against demand.
func supplyText(s *SupplyReport) []dialog.Text {
	lines := []dialog.Text{dialog.T("stats.supply.title", "Date", date(s.AsOf)), dialog.T("stats.supply.languages")}
	for _, d := range s.Languages {
		lines = append(lines, demandLine(d))
	}
	if len(s.Languages) == 0 {
		lines = append(lines, item(dialog.T("stats.nothing"), 0))
	}
	lines = append(lines, dialog.T("stats.supply.topics"))
	for _, d := range s.Topics {
		lines = append(lines, demandLine(d))
	}
	if len(s.Topics) == 0 {
		lines = append(lines, item(dialog.T("stats.nothing"), 0))
	}
	lines = append(lines, dialog.T("stats.supply.stale", "Days", int(StaleAfter.Hours()/24)))
	for _, st := range s.Stale {
		lines = append(lines, dialog.Join("", dialog.Raw("  "), staleLine(st)))
	}
	if len(s.Stale) == 0 {
		lines = append(lines, item(dialog.T("stats.nothing"), 0))
	}
	return append(lines, dialog.Raw(""))
}

// demandLine says how often something was asked for and how many offices list it, marked
// when none does.
func demandLine(d Demand) dialog.Text {
	line := dialog.Plural("stats.supply.demand", d.Offices, "Name", d.Label, "Asked", count(d.Asked))
	if d.Offices == 0 {
		line = dialog.Join(" ", line, dialog.Raw("⚠️"))
	}
	return dialog.Join("", dialog.Raw("  "), line)
}

// staleLine says when a stale entry was confirmed and whether its reminder reaches anyone.
func staleLine(s Stale) dialog.Text {
	return dialog.T("stats.supply.stale_line", "Name", dialog.Raw(s.Name), "Confirmed", confirmedText(s), "Reminder", reminderText(s))
}

func confirmedText(s Stale) dialog.Text {
	if s.ConfirmedAt != nil {
		return dialog.T("stats.supply.confirmed", "Date", date(*s.ConfirmedAt))
	}
	return dialog.T("stats.supply.never_confirmed")
}

// reminderText says whether the entry's counsellors were reminded, or that no counsellor is
// bound to it (no reminder can reach anyone).
func reminderText(s Stale) dialog.Text {
	switch {
	case s.Counsellors == 0:
		return dialog.T("stats.supply.no_counsellor")
	case s.Reminded != nil:
		return dialog.T("stats.supply.reminded", "Date", date(*s.Reminded))
	}
	return dialog.T("stats.supply.not_reminded")
}

// item is one line of a section: "  name: count".
func item(label dialog.Text, c Count) dialog.Text {
	return dialog.T("stats.item", "Name", label, "Value", count(c))
}

func count(c Count) dialog.Text { return dialog.LTR(c.String()) }

func date(d interface{ Format(string) string }) dialog.Text {
	return dialog.LTR(d.Format("02.01.2006"))
}

// Rate is part/whole as a percentage, shown only when neither count is hidden.
func Rate(part, whole Count) string {
	if whole == 0 || part.Small() || whole.Small() {
		return "–"
	}
	return fmt.Sprintf("%.0f %%", 100*float64(part)/float64(whole))
}
