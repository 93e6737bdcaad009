package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/kassel/wegweiser/internal/store"
)

// flags is the flag set of a command; its errors go to standard error.
func (e *env) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

// subcommand starts a command that has sub-commands (directory import, staff list): without
// one it prints the usage and returns false.
func (e *env) subcommand(cmd string, args []string) (string, *flag.FlagSet, bool) {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return "", nil, false
	}
	return args[0], e.flags(cmd + " " + args[0]), true
}

// withStore opens the store (migrating it, or checking its schema), runs fn and closes it.
func (e *env) withStore(ctx context.Context, migrate bool, fn func(*store.Store) error) error {
	st, err := e.openStore(ctx, migrate)
	if err != nil {
		return err
	}
	defer st.Close()
	return fn(st)
}
