package conversation_test

import (
	"slices"
	"strconv"
	"testing"

	"github.com/kassel/wegweiser/internal/conversation"
	"github.com/kassel/wegweiser/internal/dialog"
)

// TestSomeoneElsesAge: a need typed at the topic question that names someone else's age, for
// another service than the age given ("my son 17 wants an Ausbildung" after 34: the JMD's age,
// not the MBE's), keeps the need and asks which of the two is the age of the person who needs
// advice, quoting the other; the age tapped is taken and the place question follows.
func TestSomeoneElsesAge(t *testing.T) {
	cases := []struct {
		name, lang, age, text string
		asked                 bool
	}{
		{"a parent's teenager", "en", "34", "my son 17 wants ausbildung as electrician, who can help him", true},
		{"in Arabic", "ar", "34", "ابني عمره ١٦ وما لقينا له مدرسة", true},
		{"in German", "de", "40", "Meine Tochter ist 15 und braucht einen Schulplatz", true},
		{"a young person's mother", "en", "20", "my mother is 61 and has no health insurance", true},
		{"the same service: nothing to ask", "en", "34", "my mother is 61 and has no health insurance", false},
		{"a younger child's matters are the parent's", "en", "34", "my son is 7 and has no school place", false},
		{"bringing them here: they are abroad", "en", "34", "my son is 17 and still in Syria, how can I bring him here", false},
		{"the writer's own age corrects it instead", "en", "34", "sorry, my age is 22 and I need a flat", false},
		{"no one named: a count, not an age", "en", "34", "I worked 15 hours and the boss did not pay", false},
		{"where the writer lives names no one", "ar", "34", "انا ساكن بالهايم بغرفة ١٦ وبدي بيت", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEngine(t, nil)
			s, out := run(t, e, conversation.State{}, ins(cmd("start", c.lang), text(c.age), text(c.text)))
			if len(s.Topics) == 0 {
				t.Fatalf("no need kept (said %q)", said(out))
			}
			got := said(out)
			if !c.asked {
				if slices.Contains(got, "age.whose") || s.Age == nil {
					t.Fatalf("asked whose age (said %q, age %v)", got, s.Age)
				}
				return
			}
			if s.Age != nil || s.Step() != conversation.StepAge || len(s.AgeChoices) != 2 || !isSubsequence([]string{"topic.recognized", "age.whose"}, got) {
				t.Fatalf("age %v at %s, choices %v, said %q; want the two ages offered after the need", s.Age, s.Step(), s.AgeChoices, got)
			}
			q := out.Messages[len(out.Messages)-1]
			line := q.Lines[len(q.Lines)-1]
			if other, _ := line.Data["Age"].(dialog.Text); line.ID != "age.whose" || other.Raw != strconv.Itoa(s.AgeChoices[1]) || !other.LTR {
				t.Errorf("asked %+v, want the other age quoted", line)
			}
			if len(q.Buttons) != 1 || len(q.Buttons[0]) != 2 {
				t.Errorf("buttons %+v, want the two ages in a row", q.Buttons)
			}
			// The other age tapped is taken, the need kept, and the place is asked.
			tapped := s.AgeChoices[1]
			s, out = run(t, e, s, ins(tap("age:n"+strconv.Itoa(tapped))))
			if tapped >= 12 && tapped < 18 && s.Step() == conversation.StepChild {
				s, out = run(t, e, s, ins(tap("child:yes"))) // a young person: with a parent
			}
			if s.Age == nil || *s.Age != tapped || s.Other != 0 || len(s.AgeChoices) != 0 || s.Step() != conversation.StepPlace {
				t.Errorf("after the tap: age %v, other %d, choices %v, step %s (said %q)", s.Age, s.Other, s.AgeChoices, s.Step(), said(out))
			}
		})
	}
}
