// Package seed ships the Kassel directory file: the JMD and MBE offices and add-on services
// found in public sources (see the project's domain notes and shared/data/kassel-offices.md),
// every entry unconfirmed and every unknown field empty, and the area that directory serves
// (area.json). Counsellors complete and confirm their entries through the bot. Both are the
// defaults an empty database is filled with.
package seed

import (
	_ "embed"

	"github.com/kassel/wegweiser/internal/area"
)

// Kassel is the directory file for Kassel, in the format of `wegweiser directory import`.
//
//go:embed kassel.csv
var Kassel []byte

// AreaFile is the area the shipped directory serves, in the format of
// `wegweiser directory import --area`.
//
//go:embed area.json
var AreaFile []byte

// KasselArea returns the area the shipped directory serves: Stadt and Landkreis Kassel.
func KasselArea() area.Area {
	a, err := area.Parse(AreaFile)
	if err != nil {
		panic("seed: area.json: " + err.Error()) // embedded at build time; a test reads it
	}
	return a
}
