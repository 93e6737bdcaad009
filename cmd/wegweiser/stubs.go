package main

import "context"

func (e *env) console(ctx context.Context, args []string) error {
	st, err := e.openStore(ctx, true)
	if err != nil {
		return err
	}
	defer st.Close()
	return e.seedKassel(ctx, st)
}

func (e *env) serve(ctx context.Context, args []string) error { return e.console(ctx, args) }
