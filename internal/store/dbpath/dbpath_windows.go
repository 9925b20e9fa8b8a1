package dbpath

// posixNoRoom is unused on Windows, whose numbers are listed in
// noRoomErrnos.
var posixNoRoom []uintptr
