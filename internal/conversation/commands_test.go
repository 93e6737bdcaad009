package conversation_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"testing"

	"github.com/kassel/wegweiser/internal/conversation"
)

// TestMenuCommandsAreAnswered: every command of the menu is answered, mid-conversation, by
// something other than "unknown command".
func TestMenuCommandsAreAnswered(t *testing.T) {
	for _, name := range conversation.Commands {
		t.Run(name, func(t *testing.T) {
			_, out := run(t, newEngine(t, nil), conversationAtPlace(t), ins(cmd(name, "")))
			got := said(out)
			if len(got) == 0 || slices.Contains(got, "unknown_command") {
				t.Errorf("/%s said %q", name, got)
			}
		})
	}
}

// TestMenuHasEveryCommand: the menu lists exactly the commands Engine.command answers (the
// cases of its switch), so that a new command cannot be left out of the menu.
func TestMenuHasEveryCommand(t *testing.T) {
	file, err := parser.ParseFile(token.NewFileSet(), "engine.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var handled []string
	ast.Inspect(file, func(n ast.Node) bool {
		fn, ok := n.(*ast.FuncDecl)
		if !ok || fn.Name.Name != "command" {
			return true
		}
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			if cc, ok := n.(*ast.CaseClause); ok {
				for _, e := range cc.List {
					if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						s, _ := strconv.Unquote(lit.Value)
						handled = append(handled, s)
					}
				}
			}
			return true
		})
		return false
	})
	if len(handled) < 5 {
		t.Fatalf("found only %q in Engine.command: the scan is broken", handled)
	}
	menu := slices.Sorted(slices.Values(conversation.Commands))
	slices.Sort(handled)
	if !slices.Equal(menu, slices.Compact(handled)) {
		t.Errorf("menu %q, Engine.command answers %q", menu, handled)
	}
}

func conversationAtPlace(t *testing.T) conversation.State {
	t.Helper()
	s, _ := run(t, newEngine(t, nil), conversation.State{}, seq(ins(cmd("start", "")), toPlace))
	return s
}
