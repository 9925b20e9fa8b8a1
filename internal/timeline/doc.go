// Package timeline is the layout engine behind the zoomable timeline view.
//
// It is pure computation. The widget converts its records into Items and
// builds an Index with NewIndex whenever the data change; then, every time it
// relayouts, it calls LayoutInto with the Viewport (visible days, pixel size,
// vertical scroll) and Options (sizes, a text measure), reusing one Layout.
// The Layout lists exactly what to draw, in viewport pixels: axis ticks (see
// TickLabel for their text), lane boxes, item marks with labels already
// shortened to fit, cluster markers standing for several items, and link
// segments; HitTest and LaneAt answer pointer events on it.
//
// Time is measured in days since 1970-01-01 in the proleptic Gregorian
// calendar without time zones: int64 for items, float64 for the view.
//
// The cost of a layout is bounded by the viewport, not by the data: each lane
// counts its visible items with binary searches and, when it has more than it
// could show one by one, draws clusters of power-of-two day buckets found by
// binary search instead of visiting the items.
package timeline
