// Package seed ships the Kassel directory file: the JMD and MBE offices and add-on services
// found in public sources (see the project's domain notes), every entry unconfirmed and every
// unknown field empty. Counsellors complete and confirm their entries through the bot.
package seed

import _ "embed"

// Kassel is the directory file for Kassel, in the format of `wegweiser directory import`.
//
//go:embed kassel.csv
var Kassel []byte
