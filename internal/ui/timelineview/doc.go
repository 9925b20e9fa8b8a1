// Package timelineview is the zoomable timeline widget: events and
// predictions in lanes, fuzzy dates as soft bands, predictions as spans to
// their deadline with their state's mark and a line to the event that
// settled them, clusters where too much happens to tell apart, periods as
// labelled bands behind it all (periods.go), and a time axis.
//
// Its surface is small: records go in through SetData, the window learns of
// a selection, a settled view or a double tap through callbacks, Nav moves
// the view, and the words it shows come from the Words it is given. The
// layout is computed by internal/timeline; this package copies the visible
// part of it into pools of canvas objects (pools.go), one stage per kind of
// thing drawn (stages.go), so the cost of a frame follows the window, not
// the data. The renderer leaves the parts with state of their own to small
// painters: the axis (axis.go), the lines between marks (links.go), the
// periods (periods.go), the hatching of fuzzy dates (hatch.go) and the
// tooltip (tooltip.go). Texts are measured and shortened by package
// textfit, which also keeps a frame from spending more than its budget on
// new ones: what it leaves out, the next frame draws.
package timelineview
