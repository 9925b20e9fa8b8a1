// Package shareddb is what the window shows of a database on a PostgreSQL
// server, shared with other people: the connect dialog and the servers
// connected to (remembered without their passwords), the status bar's
// part that names the server and the connection's state, the banner while
// the connection is lost, and the wording of a role that may only read.
//
// It opens sessions through internal/app and hands them to the window; it
// never holds one.
package shareddb
