// Package migrations embeds the versioned SQL migrations of the Wegweiser schema, applied in
// order by goose (see internal/store).
package migrations

import "embed"

// FS holds the migration files, named NNNNN_description.sql.
//
//go:embed *.sql
var FS embed.FS
