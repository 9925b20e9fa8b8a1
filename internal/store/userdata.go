package store

import "github.com/hindsight-app/hindsight/internal/store/userdata"

// UserData is what a person keeps in the database besides the records:
// saved views, reminders already sent and settings (see package userdata).
type UserData = userdata.Data

// Adopted is user data kept elsewhere until now, to be moved into the
// database; ViewsMerged says what became of saved views brought in.
type (
	Adopted     = userdata.Adopted
	ViewsMerged = userdata.ViewsMerged
)

// ErrViewName is returned for a saved view without a name.
var ErrViewName = userdata.ErrViewName

// UserData gives the user data of s.
func (s *Store) UserData() *UserData {
	return userdata.New(userdata.Conn{DB: s.db, Write: s.file.Write, Wrap: wrap})
}
