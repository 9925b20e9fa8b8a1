package look

import (
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/hindsight-app/hindsight/assets"
)

// cjkFont is the bundled font as a Fyne resource, made once.
var cjkFont = fyne.NewStaticResource("DroidSansFallbackFull.otf", assets.CJKFont)

// appTheme is Fyne's default theme (light or dark, following the system)
// with a font that has Chinese glyphs. Fyne's own font has none, and
// falling back to system fonts shows boxes on a Linux system without a CJK
// font package, so every text style uses the bundled face; only monospace
// keeps Fyne's.
type appTheme struct{}

// NewTheme returns Hindsight's theme.
func NewTheme() fyne.Theme { return appTheme{} }

func (appTheme) Color(name fyne.ThemeColorName, variant fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(name, variant)
}

func (appTheme) Font(style fyne.TextStyle) fyne.Resource {
	if style.Monospace || style.Symbol {
		return theme.DefaultTheme().Font(style)
	}
	return cjkFont
}

func (appTheme) Icon(name fyne.ThemeIconName) fyne.Resource {
	return theme.DefaultTheme().Icon(name)
}

func (appTheme) Size(name fyne.ThemeSizeName) float32 {
	return theme.DefaultTheme().Size(name)
}

// WarmFonts has Fyne read the bundled font for the text styles the window
// shows first, one style a goroutine, and returns when all are read. Fyne
// parses the face once per style as it first measures text, one after the
// other; read side by side beforehand, they cost the first frame less on
// two cores.
func WarmFonts() {
	var wg sync.WaitGroup
	for _, style := range []fyne.TextStyle{{}, {Bold: true}, {Italic: true}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fyne.MeasureText("Hindsight 时间线", theme.DefaultTheme().Size(theme.SizeNameText), style)
		}()
	}
	wg.Wait()
}
