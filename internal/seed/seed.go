// Package seed ships the Kassel directory file: the JMD and MBE offices and add-on services
// found in public sources (see the project's domain notes), every entry unconfirmed and every
// unknown field empty. Counsellors complete and confirm their entries through the bot.
package seed

import (
	_ "embed"
	"encoding/json"
)

// Kassel is the directory file for Kassel, in the format of `wegweiser directory import`.
//
//go:embed kassel.csv
var Kassel []byte

//go:embed area.json
var areaJSON []byte

// Area is the town or district a directory serves, as newcomers read its name.
type Area struct {
	Name  string            `json:"name"`  // the name as the town writes it
	Names map[string]string `json:"names"` // by language tag, where a language writes it otherwise
}

// NameIn returns the area's name in lang.
func (a Area) NameIn(lang string) string {
	if n, ok := a.Names[lang]; ok {
		return n
	}
	return a.Name
}

// KasselArea returns the area the shipped directory serves.
func KasselArea() Area {
	var a Area
	if err := json.Unmarshal(areaJSON, &a); err != nil {
		panic("seed: area.json: " + err.Error()) // embedded at build time; a test reads it
	}
	return a
}
