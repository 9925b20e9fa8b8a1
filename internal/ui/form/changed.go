package form

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// When several people edit one shared database, the record a form opened
// with may be saved by someone else before this form is. The save then
// returns a *ChangedError, and the form asks what to do rather than
// overwriting their work or dropping this one: Show their version opens
// the form again with the record as now stored, what was typed here shown
// above it to copy from; Keep yours saves this form's version over theirs,
// now knowingly.

// ChangedError is what a form's save returns when someone else saved the
// record since the form opened: nothing was saved. Theirs is the record as
// it is stored now; the save function that returned it saves over that
// version next time.
type ChangedError[R any] struct {
	Theirs R
}

func (e *ChangedError[R]) Error() string {
	return "someone else saved this record since the form opened; nothing was saved"
}

// changedPanel is the part at the top of a form that asks what to do
// about someone else's save, or, in a form opened again with their
// version, shows what was typed before.
type changedPanel struct {
	box *fyne.Container
	// asking is set while the question waits for an answer: Save waits
	// for it too.
	asking bool
	// yours is what was typed before their version was shown; it counts
	// as a change, so Cancel asks before it is lost.
	yours string
}

func newChangedPanel() *changedPanel {
	p := &changedPanel{box: container.NewVBox()}
	p.box.Hide()
	return p
}

func (p *changedPanel) show(objects ...fyne.CanvasObject) {
	p.box.Objects = append([]fyne.CanvasObject{widget.NewSeparator()}, objects...)
	p.box.Objects = append(p.box.Objects, widget.NewSeparator())
	p.box.Show()
	p.box.Refresh()
}

func (p *changedPanel) hide() {
	p.box.Objects = nil
	p.box.Hide()
}

// submitGuarded saves what a form holds when it is valid, like
// submitValid; a save refused because someone else saved the record since
// asks what to do instead (see askChanged). yours describes what the form
// holds, in words, for the form that shows their version; showTheirs opens
// that form.
func submitGuarded[R any](b *formBase, validate func() (R, bool), save func(R) error, show func(fieldProblems),
	yours func() string, showTheirs func(theirs R, yours string)) {
	v, ok := validate()
	if !ok {
		return
	}
	err := save(v)
	var changed *ChangedError[R]
	if !errors.As(err, &changed) {
		b.saved(err, show)
		return
	}
	text := yours()
	b.askChanged(func() { showTheirs(changed.Theirs, text) },
		func() { submitGuarded(b, validate, save, show, yours, showTheirs) })
}

// askChanged says at the top of the form that someone else saved the
// record, and offers to show their version or to keep this one. Save
// waits until one is chosen.
func (b *formBase) askChanged(showTheirs, keepYours func()) {
	p := b.changedPanel
	p.asking = true
	setEnabled(b.saveButton, false)
	message := widget.NewLabel(tr("form.changed.lead",
		"Someone else saved this record after you opened this form, so your changes were not saved. Look at their version first, or save yours over it."))
	message.Wrapping = fyne.TextWrapWord
	message.Importance = widget.WarningImportance
	theirs := widget.NewButtonWithIcon(tr("form.changed.show_theirs", "Show their version"), theme.VisibilityIcon(), func() {
		p.asking = false
		showTheirs()
	})
	theirs.Importance = widget.HighImportance
	keep := widget.NewButtonWithIcon(tr("form.changed.keep_yours", "Keep yours"), theme.DocumentSaveIcon(), func() {
		p.asking = false
		p.hide()
		keepYours()
	})
	p.show(container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, message), container.NewHBox(theirs, keep))
	b.general.set(tr("form.changed.not_saved", "Not saved: someone else changed this record. Choose at the top of the form."), false)
	if b.scroll != nil {
		b.scroll.ScrollToTop()
	}
}

// keepTyped shows, at the top of a form opened again with someone else's
// version, what was typed in the form before: selectable, with a button
// that copies it all.
func (b *formBase) keepTyped(yours string) {
	p := b.changedPanel
	p.yours = yours
	lead := widget.NewLabel(tr("form.changed.theirs_shown",
		"This is their version, as saved now. What you had typed was not saved; it is below, to copy from. Save saves what the form holds."))
	lead.Wrapping = fyne.TextWrapWord
	lead.Importance = widget.WarningImportance
	text := widget.NewLabel(yours)
	text.Wrapping = fyne.TextWrapWord
	text.Selectable = true
	copyAll := widget.NewButtonWithIcon(tr("form.changed.copy", "Copy your version"), theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(yours)
	})
	p.show(lead, widget.NewCard("", tr("form.changed.yours", "Your version (not saved)"), text), container.NewHBox(copyAll))
}

// reopenAs closes this form and opens theirs, the same form filled with
// someone else's version, in its place, with yours, what was typed here,
// above it.
func (b *formBase) reopenAs(theirs *formBase, yours string) {
	theirs.keepTyped(yours)
	win := b.win
	b.onDone()
	theirs.open(win)
}

// describeFields writes down what a form holds, one "Label: value" line
// per filled-in field, for a person to copy from.
func describeFields(pairs ...string) string {
	var lines []string
	for i := 0; i+1 < len(pairs); i += 2 {
		if value := strings.TrimSpace(pairs[i+1]); value != "" {
			lines = append(lines, pairs[i]+": "+value)
		}
	}
	return strings.Join(lines, "\n")
}
