//go:build !windows

package dbpath

import "syscall"

// posixNoRoom: the no-room numbers of a Unix not listed in noRoomErrnos.
var posixNoRoom = []uintptr{uintptr(syscall.ENOSPC), uintptr(syscall.EFBIG), uintptr(syscall.EDQUOT)}
