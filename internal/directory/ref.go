package directory

import (
	"crypto/sha256"
	"encoding/hex"
)

// Ref is the short reference to an office in button data (which holds 64 bytes at most): the
// first 8 hex digits of the SHA-256 of its id. It is only ever resolved on the server, among
// the offices the tapping person may choose from, so a collision or a forged one finds none.
func Ref(id string) string {
	h := sha256.Sum256([]byte(id))
	return hex.EncodeToString(h[:4])
}
