// Package due is the Due tab: the open predictions whose deadline has
// passed or is near, then the open claims nobody has reviewed for six
// months, with the toolbar's button that counts them.
package due
