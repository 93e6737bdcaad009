package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kassel/wegweiser/internal/area"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/postcode"
	"github.com/kassel/wegweiser/internal/seed"
	"github.com/kassel/wegweiser/internal/staff"
	"github.com/kassel/wegweiser/internal/store"
	"github.com/kassel/wegweiser/migrations"
)

// openStore connects to DATABASE_URL and migrates (migrate=true) or checks the schema.
func (e *env) openStore(ctx context.Context, migrate bool) (*store.Store, error) {
	if e.cfg.DatabaseURL == "" {
		return nil, errors.New("DATABASE_URL is not set (make run sets up a local database)")
	}
	var opts []store.Option
	if e.cfg.Secret != "" {
		opts = append(opts, store.WithSecret([]byte(e.cfg.Secret)))
	}
	st, err := store.Open(ctx, e.cfg.DatabaseURL, migrations.FS, opts...)
	if err != nil {
		return nil, err
	}
	if err := e.prepareStore(ctx, st, migrate); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// prepareStore migrates the schema (migrate) or checks it is current, and, with the secret,
// seals the staff accounts' Telegram ids stored in the clear before they were sealed.
func (e *env) prepareStore(ctx context.Context, st *store.Store, migrate bool) error {
	if migrate {
		n, err := st.Migrate(ctx)
		if err != nil {
			return err
		}
		if n > 0 {
			e.log.Info("database migrated", "applied", n)
		}
	} else if err := st.CheckSchema(ctx); err != nil {
		return err
	}
	if e.cfg.Secret == "" {
		return nil
	}
	n, err := st.SealStaffIDs(ctx)
	if n > 0 {
		e.log.Info("sealed the Telegram ids of staff accounts stored in the clear", "accounts", n)
	}
	return err
}

func (e *env) migrate(ctx context.Context) error {
	st, err := e.openStore(ctx, false)
	if err == nil {
		fmt.Fprintln(e.stdout, "the schema is up to date")
		return st.Close()
	}
	if !errors.Is(err, store.ErrSchemaOld) {
		return err
	}
	st, err = e.openStore(ctx, true)
	if err != nil {
		return err
	}
	defer st.Close()
	current, _, err := st.SchemaVersions(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "the schema is now at version %d\n", current)
	return nil
}

// seedKassel loads the shipped Kassel directory into an empty directory.
func (e *env) seedKassel(ctx context.Context, st *store.Store) error {
	n, err := st.CountOffices(ctx)
	if err != nil || n > 0 {
		return err
	}
	offices, err := directory.ReadCSV(bytes.NewReader(seed.Kassel))
	if err != nil {
		return fmt.Errorf("the shipped directory is invalid: %w", err)
	}
	res, err := st.ImportOffices(ctx, offices, false)
	if err != nil {
		return err
	}
	e.log.Info("empty directory: loaded the shipped offices", "offices", res.Inserted)
	return nil
}

func (e *env) directory(ctx context.Context, args []string) error {
	sub, fs, ok := e.subcommand("directory", args)
	if !ok {
		return exitError{2}
	}
	replace := fs.Bool("replace", false, "archive offices missing from the file")
	out := fs.String("o", "", "write to this file instead of standard output")
	areaPath := fs.String("area", "", "the area file (JSON) of the town or district the directory serves")
	count := fs.Int("offices", 2000, "generate: how many offices")
	seedN := fs.Uint64("seed", 1, "generate: the same seed gives the same directory")
	encName := fs.String("encoding", string(directory.UTF8), "the file's encoding: utf-8 or windows-1252")
	if err := fs.Parse(args[1:]); err != nil {
		return exitError{2}
	}
	enc, err := directory.ParseEncoding(*encName)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return exitError{2}
	}
	switch {
	case sub == "export" && fs.NArg() == 0:
		return e.directoryExport(ctx, *out)
	case sub == "area" && fs.NArg() == 0:
		return e.printArea(ctx)
	case sub == "generate" && fs.NArg() == 0:
		return e.directoryGenerate(*count, *seedN, *out)
	case (sub == "import" || sub == "check") && fs.NArg() == 1:
		offices, err := readDirectoryFile(fs.Arg(0), enc)
		if err != nil {
			var probs directory.Problems
			if errors.As(err, &probs) {
				for _, p := range probs {
					fmt.Fprintf(e.stderr, "%s: %s\n", fs.Arg(0), p)
				}
				fmt.Fprintf(e.stderr, "%d problem(s); nothing was imported\n", len(probs))
				return exitError{1}
			}
			return err
		}
		a, err := readAreaFile(*areaPath)
		if err != nil {
			fmt.Fprintf(e.stderr, "%s: %v\nnothing was imported\n", *areaPath, err)
			return exitError{1}
		}
		if sub == "check" {
			fmt.Fprintf(e.stdout, "%s: %d offices, no problems\n", fs.Arg(0), len(offices))
			if a != nil {
				fmt.Fprintf(e.stdout, "%s: %s, no problems\n", *areaPath, a.Name)
			}
			return nil
		}
		return e.directoryImport(ctx, offices, *replace, a)
	}
	fmt.Fprint(e.stderr, usage)
	return exitError{2}
}

func readDirectoryFile(path string, enc directory.Encoding) ([]directory.Office, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return directory.ReadCSVNear(f, enc, postcodeCentres(nil))
}

// postcodeCentres are the postcode table's centres, for checking that each office lies near
// its postcode (directory.Centre): places' table when it is loaded, else the embedded one.
func postcodeCentres(places *postcode.Places) directory.Centre {
	if places != nil {
		return places.Table.Centre
	}
	t, err := postcode.Load()
	if err != nil {
		return nil // the embedded table is checked by its own tests; an import is not refused for it
	}
	return t.Centre
}

// near is postcodeCentres of the served area's places.
func (e *env) near() directory.Centre { return postcodeCentres(e.places) }

// directoryImport applies the offices and then, when given, the area they serve (both were
// checked before).
func (e *env) directoryImport(ctx context.Context, offices []directory.Office, replace bool, a *area.Area) error {
	return e.withStore(ctx, true, func(st *store.Store) error {
		res, err := st.ImportOffices(ctx, offices, replace)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "imported: %d new, %d updated, %d unchanged, %d archived\n",
			res.Inserted, res.Updated, res.Unchanged, res.Archived)
		if a == nil {
			return nil
		}
		changed, err := st.SetArea(ctx, staff.ImportActor, *a)
		if err != nil {
			return err
		}
		state := "unchanged"
		if changed {
			state = "set (a running bot names it within a minute)"
		}
		fmt.Fprintf(e.stdout, "service area %s: %s\n", a.Name, state)
		return nil
	})
}

// readAreaFile reads and checks an area file; "" means none.
func readAreaFile(path string) (*area.Area, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	a, err := area.Read(f)
	return &a, err
}

func (e *env) directoryExport(ctx context.Context, path string) error {
	var offices []directory.Office
	err := e.withStore(ctx, false, func(st *store.Store) (err error) {
		offices, err = st.Offices(ctx, false)
		return err
	})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := directory.WriteCSV(&buf, offices); err != nil {
		return err
	}
	return e.output(path, buf.Bytes())
}

// output writes data to path, or to standard output when path is "". It writes next to the
// target and renames, so that a failure never leaves half a file.
func (e *env) output(path string, data []byte) error {
	if path == "" {
		_, err := e.stdout.Write(data)
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".wegweiser-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
