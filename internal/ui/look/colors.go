// Package look is how Hindsight looks, in one place: the theme with its
// bundled font, the colours of prediction states, and their marks. The
// timeline widget and every panel take them from here, so a state looks
// the same wherever it is shown.
package look

import (
	"image/color"

	"github.com/hindsight-app/hindsight/internal/model"
)

// Okabe–Ito colours for prediction states: distinguishable with the common
// forms of colour blindness. Open is a muted blue-grey so that it reads as
// "not settled" next to the vivid settled states.
var (
	colorOpen      = color.NRGBA{R: 0x5b, G: 0x7a, B: 0x99, A: 0xff}
	colorTrue      = color.NRGBA{R: 0x00, G: 0x9e, B: 0x73, A: 0xff}
	colorFalse     = color.NRGBA{R: 0xd5, G: 0x5e, B: 0x00, A: 0xff}
	colorPartly    = color.NRGBA{R: 0xe6, G: 0x9f, B: 0x00, A: 0xff}
	colorAmbiguous = color.NRGBA{R: 0xcc, G: 0x79, B: 0xa7, A: 0xff}
	colorVoid      = color.NRGBA{R: 0x99, G: 0x99, B: 0x99, A: 0xff}
)

// StateColor is the colour of a prediction state.
func StateColor(s model.State) color.NRGBA {
	switch s {
	case model.StateTrue:
		return colorTrue
	case model.StateFalse:
		return colorFalse
	case model.StatePartly:
		return colorPartly
	case model.StateAmbiguous:
		return colorAmbiguous
	case model.StateAnnulled, model.StateWithdrawn, model.StateUnfalsifiable:
		return colorVoid
	}
	return colorOpen
}
