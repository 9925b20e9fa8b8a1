package look

import (
	"fmt"
	"image/color"
	"sync"

	"fyne.io/fyne/v2"

	"github.com/hindsight-app/hindsight/internal/model"
)

// The marks of prediction states are drawn as vector shapes, not as
// characters: ✓ ✗ ◐ ○ are in neither the bundled font nor Fyne's, and a
// machine without a font that has them (Windows under Wine, a bare Linux)
// would show replacement boxes. Each mark is a small SVG in the state's
// colour, so the shape, not only the colour, tells the states apart.

// stateMarkPaths are the shapes, on a 16×16 grid.
var stateMarkPaths = map[model.State]string{
	// A tick.
	model.StateTrue: `<path d="M2.5 8.5 L6.5 12.5 L13.5 3.5" fill="none" stroke="%[1]s" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/>`,
	// A cross.
	model.StateFalse: `<path d="M3.5 3.5 L12.5 12.5 M12.5 3.5 L3.5 12.5" fill="none" stroke="%[1]s" stroke-width="2.4" stroke-linecap="round"/>`,
	// A circle, its left half filled.
	model.StatePartly: `<circle cx="8" cy="8" r="5.6" fill="none" stroke="%[1]s" stroke-width="1.8"/><path d="M8 2.4 A5.6 5.6 0 0 0 8 13.6 Z" fill="%[1]s"/>`,
	// A question mark.
	model.StateAmbiguous: `<path d="M5 5.6 A3 3 0 1 1 9.4 8.2 C8.5 8.7 8 9.3 8 10.3" fill="none" stroke="%[1]s" stroke-width="2" stroke-linecap="round"/><circle cx="8" cy="13.4" r="1.3" fill="%[1]s"/>`,
	// A bar: the claim no longer stands.
	model.StateAnnulled:  `<path d="M3 8 L13 8" stroke="%[1]s" stroke-width="2.4" stroke-linecap="round"/>`,
	model.StateWithdrawn: `<path d="M3 8 L13 8" stroke="%[1]s" stroke-width="2.4" stroke-linecap="round"/>`,
	// A circle struck through: it can never be checked.
	model.StateUnfalsifiable: `<circle cx="8" cy="8" r="5.4" fill="none" stroke="%[1]s" stroke-width="1.8"/><path d="M3.6 12.4 L12.4 3.6" stroke="%[1]s" stroke-width="1.8" stroke-linecap="round"/>`,
	// An empty circle: not settled yet.
	model.StateOpen: `<circle cx="8" cy="8" r="5.4" fill="none" stroke="%[1]s" stroke-width="1.8"/>`,
}

var stateIcons sync.Map // model.State → fyne.Resource

// StateIcon is the mark of a state, in the state's colour, as an SVG
// resource for widget.Icon or canvas.Image. Resources are made once.
func StateIcon(s model.State) fyne.Resource {
	if !s.Valid() {
		s = model.StateOpen
	}
	if r, ok := stateIcons.Load(s); ok {
		return r.(fyne.Resource)
	}
	c := StateColor(s)
	shape := fmt.Sprintf(stateMarkPaths[s], svgColor(c))
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">` + shape + `</svg>`
	r := fyne.NewStaticResource("state-"+string(s)+".svg", []byte(svg))
	stateIcons.Store(s, r)
	return r
}

func svgColor(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }
