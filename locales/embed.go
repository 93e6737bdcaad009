// Package locales embeds the message catalogs, one go-i18n TOML file per language
// (active.<tag>.toml). English is the reference every other catalog is checked against.
package locales

import "embed"

// FS holds the catalogs.
//
//go:embed active.*.toml
var FS embed.FS
