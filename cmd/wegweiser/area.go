package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/kassel/wegweiser/internal/app"
	"github.com/kassel/wegweiser/internal/directory"
	"github.com/kassel/wegweiser/internal/i18n"
	"github.com/kassel/wegweiser/internal/jobs"
	"github.com/kassel/wegweiser/internal/store"
	"github.com/kassel/wegweiser/internal/synth"
)

// areaRefresh is how often serve rereads the stored area: `directory import --area` in
// another process may replace it.
const areaRefresh = time.Minute

// openArea loads the shipped directory into an empty database, reads the served area into
// e.places (WEGWEISER_AREA_FILE when set; otherwise the stored one, the shipped default
// stored first when there is none) and returns the catalogs that name it.
func (e *env) openArea(ctx context.Context, st *store.Store) (*i18n.Catalog, error) {
	if err := e.seedKassel(ctx, st); err != nil {
		return nil, err
	}
	a := e.cfg.Area
	if a == nil {
		stored, seeded, err := app.StoredArea(ctx, st)
		if err != nil {
			return nil, err
		}
		if seeded {
			e.log.Info("no service area stored: stored the shipped default; `wegweiser directory import --area FILE` sets another",
				"area", stored.Name)
		}
		a = &stored
	}
	places, err := app.NewPlaces(*a)
	if err != nil {
		return nil, err
	}
	e.places = places
	return app.CatalogFor(places.Area)
}

// watchArea rereads the stored area every areaRefresh until ctx ends, unless configuration
// fixes it.
func (e *env) watchArea(ctx context.Context, st *store.Store) {
	if e.cfg.Area != nil || e.places == nil {
		return
	}
	jobs.Run(ctx, areaRefresh, func(ctx context.Context) {
		if err := app.RefreshArea(ctx, st, e.places.Area); err != nil && ctx.Err() == nil {
			e.log.Warn("service area: could not reread it, keeping the one in use", "err", err)
		}
	})
}

// printArea writes the stored area as an area file (the format of --area).
func (e *env) printArea(ctx context.Context) error {
	return e.withStore(ctx, false, func(st *store.Store) error {
		a, err := st.Area(ctx)
		if err != nil {
			return err
		}
		b, err := json.MarshalIndent(a, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.stdout, "%s\n", b)
		return err
	})
}

// directoryGenerate writes a synthetic directory of n offices (package synth) as CSV.
func (e *env) directoryGenerate(n int, seed uint64, path string) error {
	offices, err := synth.Offices(n, seed)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := directory.WriteCSV(&buf, offices); err != nil {
		return err
	}
	return e.output(path, buf.Bytes())
}
