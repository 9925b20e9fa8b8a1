//go:build unix

package pgtest

import (
	"os"
	"syscall"
)

// ownerOf is the user id that owns a file.
func ownerOf(fi os.FileInfo) (uint32, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return st.Uid, true
}
