package detail

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
)

// hexColor reads a period's "#rrggbb" colour.
func hexColor(s string) (color.NRGBA, bool) {
	if len(s) != 7 || s[0] != '#' {
		return color.NRGBA{}, false
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.NRGBA{}, false
	}
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}, true
}

// ShowPeriod shows every field of a period, with its colour, and the
// buttons to edit or delete it.
func (d *Panel) ShowPeriod(p model.Period) {
	objs := []fyne.CanvasObject{muted(tr("detail.period", "Period")), heading(p.Title)}
	span := p.Start.Format(i18n.Lang())
	if !p.End.IsZero() {
		span += " – " + p.End.Format(i18n.Lang())
	}
	objs = append(objs, field(tr("detail.period_time", "Time"), span))
	if c, ok := hexColor(p.Color); ok {
		swatch := canvas.NewRectangle(c)
		swatch.SetMinSize(fyne.NewSize(18, 18))
		swatch.CornerRadius = 3
		objs = append(objs, container.NewBorder(nil, nil, container.NewCenter(swatch), nil, field(tr("form.period.color", "Colour"), p.Color)))
	}
	if p.Lane != "" {
		objs = append(objs, field(tr("form.period.lane", "Lane"), p.Lane))
	} else {
		objs = append(objs, muted(tr("detail.period_all_lanes", "Drawn across every lane.")))
	}
	if p.Description != "" {
		objs = append(objs, widget.NewSeparator(), d.links.Markdown(p.Description))
	}
	if len(p.Links) > 0 {
		objs = append(objs, widget.NewSeparator(), muted(tr("field.sources", "Sources")))
		for _, l := range p.Links {
			objs = append(objs, d.links.Link("", l.URL))
			if l.Quote != "" {
				objs = append(objs, muted("“"+l.Quote+"”"))
			}
		}
	}
	edit := widget.NewButtonWithIcon(tr("action.edit", "Edit…"), theme.DocumentCreateIcon(), func() { d.actions.EditPeriod(p) })
	del := widget.NewButtonWithIcon(tr("action.delete", "Delete…"), theme.DeleteIcon(), func() { d.actions.DeletePeriod(p) })
	del.Importance = widget.DangerImportance
	objs = append(objs, widget.NewSeparator(), container.NewGridWithColumns(2, edit, del))
	d.set(objs...)
}
