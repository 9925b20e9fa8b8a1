// Package dbpath knows where Hindsight's database file lives by default,
// what stands at a path before the file is opened, and which system error
// numbers mean a disk has no room.
package dbpath

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
)

// Default is where the app and the command-line tool keep their shared
// database unless told otherwise: $HINDSIGHT_DB, else hindsight/hindsight.db
// in the user's configuration folder.
func Default() (string, error) {
	return defaultFor(runtime.GOOS, os.Getenv)
}

// defaultFor is Default for the system goos, reading the
// environment through getenv, so that each system's choice can be tested
// on any of them. The folders are the ones os.UserConfigDir picks.
func defaultFor(goos string, getenv func(string) string) (string, error) {
	if p := getenv("HINDSIGHT_DB"); p != "" {
		return p, nil
	}
	var dir string
	sep := "/"
	switch goos {
	case "windows":
		sep = `\`
		dir = getenv("AppData")
		if dir == "" {
			return "", errors.New("cannot find the folder for the default database: %AppData% is not set (set HINDSIGHT_DB or pass --db)")
		}
	case "darwin", "ios":
		home := getenv("HOME")
		if home == "" {
			return "", errors.New("cannot find the folder for the default database: $HOME is not set (set HINDSIGHT_DB or pass --db)")
		}
		dir = home + "/Library/Application Support"
	default:
		dir = getenv("XDG_CONFIG_HOME")
		if dir == "" || !strings.HasPrefix(dir, "/") {
			home := getenv("HOME")
			if home == "" {
				return "", errors.New("cannot find the folder for the default database: neither $XDG_CONFIG_HOME nor $HOME is set (set HINDSIGHT_DB or pass --db)")
			}
			dir = home + "/.config"
		}
	}
	return strings.TrimRight(dir, sep) + sep + "hindsight" + sep + "hindsight.db", nil
}

// Kind is what stands at a database path before it is opened.
type Kind int

const (
	Missing  Kind = iota // nothing there yet: make its folder, then the file
	File                 // a file (empty or not)
	Folder               // a folder where the file should be
	Blocked              // a file stands where one of its folders should be
	Unusable             // it cannot be looked at (permissions, I/O)
)

// Inspect says what stands at path. It never tells "missing" from "a
// file is in the way" by the error number alone: on Windows, Go's ENOTDIR
// is ERROR_PATH_NOT_FOUND, the very error a missing folder gives, so it
// looks at the folders above instead. stat is os.Stat outside tests.
func Inspect(path string, stat func(string) (fs.FileInfo, error)) (Kind, fs.FileInfo, error) {
	info, err := stat(path)
	if err == nil {
		if info.IsDir() {
			return Folder, info, nil
		}
		return File, info, nil
	}
	// The nearest folder above that exists decides: if a file stands in the
	// way, no folder can be made there.
	for dir := filepath.Dir(path); ; {
		above, aerr := stat(dir)
		if aerr == nil {
			if !above.IsDir() {
				return Blocked, nil, fmt.Errorf("%s is a file, not a folder", dir)
			}
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return Missing, nil, nil
	}
	return Unusable, nil, err
}

// noRoomErrnos are the system error numbers, per system, that mean a write
// found no room: a full disk, a quota, a file-size limit. SQLite reports
// them as a generic I/O error carrying the number.
var noRoomErrnos = map[string][]uintptr{
	"linux":   {28 /* ENOSPC */, 27 /* EFBIG */, 122 /* EDQUOT */},
	"darwin":  {28 /* ENOSPC */, 27 /* EFBIG */, 69 /* EDQUOT */},
	"windows": {112 /* ERROR_DISK_FULL */, 39 /* ERROR_HANDLE_DISK_FULL */},
}

// noRoomOn reports whether errno, on the system goos, means there is no
// room to write. Systems not listed use the POSIX numbers from syscall.
func noRoomOn(goos string, errno uintptr) bool {
	list, ok := noRoomErrnos[goos]
	if !ok {
		list = posixNoRoom
	}
	for _, n := range list {
		if errno == n {
			return true
		}
	}
	return false
}

// NoRoom reports whether errno, on this system, means there is no room.
func NoRoom(errno syscall.Errno) bool { return noRoomOn(runtime.GOOS, uintptr(errno)) }
