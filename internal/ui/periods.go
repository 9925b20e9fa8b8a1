package ui

import (
	"context"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/form"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Periods in the window: added from the Edit menu, shown in the detail
// panel when one is selected (a tap on its label on the timeline), and
// edited or deleted from there; each change one undoable step.

func (x *recordActions) newPeriod() {
	m := x.w
	if !m.ready() {
		return
	}
	// A new period starts where the view is, so that it shows at once.
	start := when.DayDate(m.timeline.Nav().Center())
	form.ShowPeriod(m.win, model.Period{Start: start}, x.known(), func(p model.Period) error {
		saved, err := m.session.SavePeriod(context.Background(), p)
		if err != nil {
			return err
		}
		m.afterChange(app.PeriodSelection(saved.ID))
		return nil
	})
}

func (x *recordActions) editPeriod(p model.Period) {
	m := x.w
	form.ShowPeriod(m.win, p, x.known(), func(p model.Period) error {
		if _, err := m.session.SavePeriod(context.Background(), p); err != nil {
			return err
		}
		m.afterChange(app.PeriodSelection(p.ID))
		return nil
	})
}

// deletePeriod asks first, naming the period.
func (x *recordActions) deletePeriod(p model.Period) {
	m := x.w
	msg := trf("delete_period.confirm", "Delete the period “{{.Title}}”?", map[string]any{"Title": p.Title}) +
		"\n\n" + tr("delete.undo_hint", "You can undo this with Edit › Undo.")
	dialog.ShowConfirm(tr("delete_period.title", "Delete period"), msg, func(ok bool) {
		if !ok {
			return
		}
		if err := m.session.DeletePeriod(context.Background(), p.ID); err != nil {
			m.showError(err)
			return
		}
		m.afterChange(app.Selection{})
	}, m.win)
}

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

// showPeriod shows every field of a period, with its colour, and the
// buttons to edit or delete it.
func (d *detailPanel) showPeriod(p model.Period) {
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
	edit := widget.NewButtonWithIcon(tr("action.edit", "Edit…"), theme.DocumentCreateIcon(), func() { d.actions.editPeriod(p) })
	del := widget.NewButtonWithIcon(tr("action.delete", "Delete…"), theme.DeleteIcon(), func() { d.actions.deletePeriod(p) })
	del.Importance = widget.DangerImportance
	objs = append(objs, widget.NewSeparator(), container.NewGridWithColumns(2, edit, del))
	d.set(objs...)
}
