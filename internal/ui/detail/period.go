package detail

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
)

// described shows a record's description (Markdown) and its source links
// with their quotes, each under a separator, where it has them.
func (d *Panel) described(description string, links []model.Link) []fyne.CanvasObject {
	var objs []fyne.CanvasObject
	if description != "" {
		objs = append(objs, widget.NewSeparator(), d.links.Markdown(description))
	}
	if len(links) > 0 {
		objs = append(objs, widget.NewSeparator(), muted(tr("field.sources", "Sources")))
		for _, l := range links {
			objs = append(objs, d.links.Link("", l.URL))
			if l.Quote != "" {
				objs = append(objs, muted("“"+l.Quote+"”"))
			}
		}
	}
	return objs
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
	if c, ok := model.ColorRGB(p.Color); ok {
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
	objs = append(objs, d.described(p.Description, p.Links)...)
	edit := widget.NewButtonWithIcon(tr("action.edit", "Edit…"), theme.DocumentCreateIcon(), func() { d.actions.EditPeriod(p) })
	del := widget.NewButtonWithIcon(tr("action.delete", "Delete…"), theme.DeleteIcon(), func() { d.actions.DeletePeriod(p) })
	del.Importance = widget.DangerImportance
	objs = append(objs, widget.NewSeparator(), container.NewGridWithColumns(2, edit, del))
	d.set(objs...)
}
