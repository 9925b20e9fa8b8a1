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

// kindMarkPaths are the shapes that tell claims that are not forecasts
// apart, drawn after the state mark in the claim's state colour. A
// forecast, the kind that is scored, has none.
var kindMarkPaths = map[model.Kind]string{
	// A diamond: asked, not claimed.
	model.KindQuestion: `<path d="M8 2 L14 8 L8 14 L2 8 Z" fill="none" stroke="%[1]s" stroke-width="1.8" stroke-linejoin="round"/><circle cx="8" cy="8" r="1.5" fill="%[1]s"/>`,
	// A star: hoped for.
	model.KindHope: `<path d="M8 1.8 L9.8 6 L14.3 6.3 L10.9 9.2 L12 13.6 L8 11.2 L4 13.6 L5.1 9.2 L1.7 6.3 L6.2 6 Z" fill="none" stroke="%[1]s" stroke-width="1.4" stroke-linejoin="round"/>`,
	// A speech bubble: said of the present.
	model.KindOpinion: `<path d="M3 3 H13 A1.5 1.5 0 0 1 14.5 4.5 V9.5 A1.5 1.5 0 0 1 13 11 H7 L4 14 V11 H3 A1.5 1.5 0 0 1 1.5 9.5 V4.5 A1.5 1.5 0 0 1 3 3 Z" fill="none" stroke="%[1]s" stroke-width="1.5" stroke-linejoin="round"/>`,
}

// retrospectiveMarkPath is a rewind sign, two triangles pointing back: the
// claim is known only from a record written after its outcome was known.
const retrospectiveMarkPath = `<path d="M8 3 L1.5 8 L8 13 Z M14.5 3 L8 8 L14.5 13 Z" fill="%[1]s"/>`

var stateIcons sync.Map // model.State → fyne.Resource

var claimIcons sync.Map // string → fyne.Resource

// KindIcon is the mark of a claim's kind, in the colour of its state; nil
// for a forecast, which has none.
func KindIcon(k model.Kind, s model.State) fyne.Resource {
	path, ok := kindMarkPaths[k]
	if !ok {
		return nil
	}
	return claimIcon("kind-"+string(k), path, s)
}

// RetrospectiveIcon is the mark of a retrospective claim, in the colour of
// its state.
func RetrospectiveIcon(s model.State) fyne.Resource {
	return claimIcon("retrospective", retrospectiveMarkPath, s)
}

func claimIcon(name, path string, s model.State) fyne.Resource {
	if !s.Valid() {
		s = model.StateOpen
	}
	key := name + "-" + string(s)
	if r, ok := claimIcons.Load(key); ok {
		return r.(fyne.Resource)
	}
	shape := fmt.Sprintf(path, svgColor(StateColor(s)))
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">` + shape + `</svg>`
	r := fyne.NewStaticResource(key+".svg", []byte(svg))
	claimIcons.Store(key, r)
	return r
}

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
