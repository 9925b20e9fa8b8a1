package transfer

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/display"
	"github.com/hindsight-app/hindsight/internal/exchange"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/modal"
)

// previewLines caps the lines of one section of the preview; the rest are
// counted.
const previewLines = 300

// previewSection is one part of an import's preview: a heading, and a line
// per record or problem.
type previewSection struct {
	title string
	lines []string
}

// importPreview says what importing plan will do, before anything is
// written: a summary (with how the columns of a CSV file are read), then
// what will be added (with dates and titles), what is skipped and why,
// what is imported only in part, how a part of a record was read, what of
// the file is passed over, and what becomes of saved views and reminders.
func importPreview(plan app.ImportPlan) (summary string, sections []previewSection) {
	r := plan.Report
	if r.AddedEvents+r.AddedPredictions+r.AddedPeriods == 0 {
		summary = trf("import.nothing_new", "Nothing in {{.File}} is new to this database.", map[string]any{"File": plan.Name})
	} else {
		summary = trf("import.summary_records", "{{.Records}} will be added from {{.File}}.",
			map[string]any{"Records": addedText(r), "File": plan.Name})
	}
	if cols := plan.Read.Columns; cols != nil {
		summary = strings.Join(append([]string{summary}, columnLines(*cols, plan.MappingSaved)...), "\n")
	}
	lang := i18n.Lang()

	var added []string
	for _, e := range r.NewEvents {
		added = append(added, i18n.EventDateText(e)+" · "+display.Shorten(e.DisplayTitle(lang), 100))
	}
	for _, p := range r.NewPredictions {
		added = append(added, p.Made.Format(lang)+" · "+display.Shorten(p.DisplayStatement(lang), 100)+" — "+p.DisplaySource(lang))
	}
	for _, p := range r.NewPeriods {
		added = append(added, p.Start.Format(lang)+" · "+display.Shorten(p.Title, 100)+" — "+tr("import.period", "period"))
	}
	add := func(title string, lines []string) {
		if len(lines) > 0 {
			sections = append(sections, previewSection{title: title, lines: capLines(lines)})
		}
	}
	add(trn("import.section.added", "Will be added: 1 record", "Will be added: {{.Count}} records", len(added), nil), added)

	var skipped, partly, readAs, ignored []string
	for _, e := range r.DuplicateEvents {
		skipped = append(skipped, trf("import.duplicate_event", "{{.Date}} · {{.Title}}: already in the database",
			map[string]any{"Date": i18n.EventDateText(e), "Title": display.Shorten(e.DisplayTitle(lang), 100)}))
	}
	for _, p := range r.DuplicatePredictions {
		skipped = append(skipped, trf("import.duplicate_prediction", "{{.Statement}}: already in the database",
			map[string]any{"Statement": display.Shorten(p.DisplayStatement(lang), 100)}))
	}
	for _, p := range r.DuplicatePeriods {
		skipped = append(skipped, trf("import.duplicate_period", "{{.Date}} · {{.Title}}: a period already in the database",
			map[string]any{"Date": p.Start.Format(lang), "Title": display.Shorten(p.Title, 100)}))
	}
	for _, p := range plan.Read.Problems {
		line := problemPlace(p) + ": " + problemReason(p)
		switch p.Effect {
		case exchange.PartLeftOut:
			partly = append(partly, line)
		case exchange.ReadAs:
			readAs = append(readAs, line)
		case exchange.Ignored:
			ignored = append(ignored, line)
		default:
			skipped = append(skipped, line)
		}
	}
	add(trn("import.section.skipped", "Skipped: 1 record", "Skipped: {{.Count}} records", len(skipped), nil), skipped)
	add(trn("import.section.partly", "Imported without a part: 1 record", "Imported without a part: {{.Count}} records", len(partly), nil), partly)
	add(trn("import.section.read_as", "Read as the note says: 1 record", "Read as the notes say: {{.Count}} records", len(readAs), nil), readAs)
	add(tr("import.section.ignored", "Passed over in the file"), ignored)

	var user []string
	v := r.Views
	if len(v.Added) > 0 {
		user = append(user, trf("import.views_added", "Saved views to add: {{.Names}}", map[string]any{"Names": strings.Join(v.Added, ", ")}))
		user = append(user, tr("import.views_stay", "Saved views stay when the import is undone."))
	}
	for _, name := range v.Same {
		user = append(user, trf("import.view_same", "Saved view “{{.Name}}”: already saved, skipped", map[string]any{"Name": name}))
	}
	for _, name := range v.Conflicting {
		user = append(user, trf("import.view_conflict", "Saved view “{{.Name}}”: this database saves another filter under that name, which is kept; the file's is skipped",
			map[string]any{"Name": name}))
	}
	if r.Reminders > 0 {
		user = append(user, trn("import.reminders", "1 prediction was already announced as due and will not be announced again",
			"{{.Count}} predictions were already announced as due and will not be announced again", r.Reminders, nil))
	}
	add(tr("import.section.user", "Saved views and reminders"), user)
	return summary, sections
}

// capLines keeps the first previewLines lines and counts the rest.
func capLines(lines []string) []string {
	if len(lines) <= previewLines {
		return lines
	}
	rest := len(lines) - previewLines
	return append(lines[:previewLines:previewLines], trn("import.more", "…and 1 more", "…and {{.Count}} more", rest, nil))
}

// problemPlace says where in the file a problem is: "events[3], line 40,
// date" or "row 12, date".
func problemPlace(p exchange.Problem) string {
	var parts []string
	var n int
	switch {
	case p.Record == "file":
		parts = append(parts, tr("import.place.file", "the file"))
	case scanNumber(p.Record, "row ", &n):
		parts = append(parts, trf("import.place.row", "row {{.N}}", map[string]any{"N": n}))
	case scanNumber(p.Record, "line ", &n):
		parts = append(parts, trf("import.place.line", "line {{.N}}", map[string]any{"N": n}))
	default:
		parts = append(parts, p.Record) // a path in the file, such as events[3]
		if p.Line > 0 {
			parts = append(parts, trf("import.place.line", "line {{.N}}", map[string]any{"N": p.Line}))
		}
	}
	if p.Field != "" {
		parts = append(parts, p.Field)
	}
	return strings.Join(parts, tr("import.place.separator", ", "))
}

func scanNumber(s, prefix string, n *int) bool {
	rest, ok := strings.CutPrefix(s, prefix)
	if !ok || rest == "" {
		return false
	}
	v := 0
	for _, r := range rest {
		if r < '0' || r > '9' {
			return false
		}
		v = v*10 + int(r-'0')
	}
	*n = v
	return true
}

// problemReason says what is wrong: a date in the interface's language,
// anything else as the reader of the file wrote it.
func problemReason(p exchange.Problem) string {
	if p.Cause != nil {
		return i18n.DateErrorText(p.Cause)
	}
	return p.Message
}

// previewSections lays out each section of the preview under its heading.
func previewSections(sections []previewSection) fyne.CanvasObject {
	body := container.NewVBox()
	for _, s := range sections {
		body.Add(widget.NewLabelWithStyle(s.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		lines := widget.NewLabel(strings.Join(s.lines, "\n"))
		lines.Wrapping = fyne.TextWrapWord
		body.Add(lines)
	}
	return body
}

// The import preview says, before anything is written, what an import will
// add, skip as a duplicate, refuse as unreadable and how it read what it
// kept. For a CSV file of events it shows how each column is read and lets
// the person map any column to another field, or leave it out, and read
// the file again; the mapping chosen is kept for the next file with the
// same header.

// fieldName is a field a CSV column can go into, as the preview names it.
func fieldName(field string) string {
	if name, ok := fieldNames[field]; ok {
		return name.String()
	}
	return field
}

// fieldNames are the fields a CSV column can go into, as the preview
// names them.
var fieldNames = map[string]i18n.Text{
	exchange.FieldTitle:         {Key: "columns.title", English: "Title"},
	exchange.FieldTitleZh:       {Key: "columns.title_zh", English: "Chinese title"},
	exchange.FieldDate:          {Key: "columns.date", English: "Date"},
	exchange.FieldEnd:           {Key: "columns.end", English: "Until"},
	exchange.FieldActor:         {Key: "columns.actor", English: "Actor"},
	exchange.FieldOrganizations: {Key: "columns.organizations", English: "Organisations (the first is the actor, the others tags)"},
	exchange.FieldCategory:      {Key: "columns.category", English: "Category"},
	exchange.FieldTags:          {Key: "columns.tags", English: "Tags"},
	exchange.FieldDomain:        {Key: "columns.domain", English: "Domains, as tags"},
	exchange.FieldLink:          {Key: "columns.link", English: "Links (every address in the cell)"},
	exchange.FieldQuote:         {Key: "columns.quote", English: "Quote of the link"},
	exchange.FieldDescription:   {Key: "columns.description", English: "Description"},
	exchange.FieldID:            {Key: "columns.id", English: "ID"},
	exchange.FieldFlag:          {Key: "columns.flag", English: "Yes or no: a tag named for the column when yes"},
	exchange.FieldNote:          {Key: "columns.note", English: "A “name: value” line of the description"},
	exchange.FieldSkip:          {Key: "columns.skip", English: "Leave out"},
}

// columnChoice names a field with its link number, as the preview offers
// it: "Links (every address in the cell) 2".
func columnChoice(c exchange.Column) string {
	name := fieldName(c.Field)
	if (c.Field == exchange.FieldLink || c.Field == exchange.FieldQuote) && c.Slot > 1 {
		name += fmt.Sprintf(" %d", c.Slot)
	}
	return name
}

// mappingEditor is the list of a CSV file's columns, each with the field
// it is read into, changeable.
type mappingEditor struct {
	object  fyne.CanvasObject
	selects map[string]*widget.Select
	byName  map[string]string // choice shown → field name ("link_2")
	// read is how the file was read: a column the person has not changed
	// and that was not mapped before is left to its header's name, so
	// that only what a person chose is kept as their mapping.
	read map[string]exchange.Column
	// onChange hears whether the columns shown now differ from read.
	onChange func(changed bool)
}

func newMappingEditor(cols exchange.Columns) *mappingEditor {
	e := &mappingEditor{selects: map[string]*widget.Select{}, byName: map[string]string{}, read: map[string]exchange.Column{}}
	var choices []string
	add := func(c exchange.Column) {
		name := columnChoice(c)
		if _, seen := e.byName[name]; !seen {
			e.byName[name] = c.FieldName()
			choices = append(choices, name)
		}
	}
	for _, f := range exchange.ColumnFields {
		field, slot, _ := exchange.ParseField(f)
		add(exchange.Column{Field: field, Slot: slot})
	}
	for _, c := range cols.List {
		add(c)
	}
	grid := container.New(&twoColumns{})
	for _, c := range cols.List {
		sel := widget.NewSelect(choices, nil)
		sel.SetSelected(columnChoice(c))
		sel.OnChanged = func(string) {
			if e.onChange != nil {
				e.onChange(e.changed())
			}
		}
		e.selects[c.Name] = sel
		e.read[c.Name] = c
		label := widget.NewLabel(c.Name)
		label.Truncation = fyne.TextTruncateEllipsis
		if c.Mapped {
			label.TextStyle = fyne.TextStyle{Bold: true}
		}
		grid.Add(label)
		grid.Add(sel)
	}
	e.object = grid
	return e
}

// mapping is the field of every column a person chose: those changed
// here and those mapped before. The others are read from their header's
// name again.
func (e *mappingEditor) mapping() map[string]string {
	m := make(map[string]string, len(e.selects))
	for name, sel := range e.selects {
		field := e.byName[sel.Selected]
		if was := e.read[name]; was.Mapped || field != was.FieldName() {
			m[name] = field
		}
	}
	return m
}

// changed reports whether any column is shown read into another field
// than the file was read with.
func (e *mappingEditor) changed() bool {
	for name, sel := range e.selects {
		if e.byName[sel.Selected] != e.read[name].FieldName() {
			return true
		}
	}
	return false
}

// twoColumns lays out labels and selects in two columns, the first a third
// of the width.
type twoColumns struct{}

func (twoColumns) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i := 0; i+1 < len(objects); i += 2 {
		a, b := objects[i].MinSize(), objects[i+1].MinSize()
		w = max(w, a.Width+b.Width+theme.Padding())
		h += max(a.Height, b.Height) + theme.Padding()
	}
	return fyne.NewSize(min(w, 400), h)
}

func (twoColumns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	left := size.Width / 3
	var y float32
	for i := 0; i+1 < len(objects); i += 2 {
		a, b := objects[i], objects[i+1]
		h := max(a.MinSize().Height, b.MinSize().Height)
		a.Move(fyne.NewPos(0, y))
		a.Resize(fyne.NewSize(left-theme.Padding(), h))
		b.Move(fyne.NewPos(left, y))
		b.Resize(fyne.NewSize(size.Width-left, h))
		y += h + theme.Padding()
	}
}

// counted picks the singular message for one, the plural one otherwise.
func counted(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// addedText counts what an import adds, naming only the kinds of record
// it has: "3 events", "20 events and 3 periods".
func addedText(r store.ImportReport) string {
	return i18n.BatchCount(r.AddedEvents, r.AddedPredictions, r.AddedPeriods)
}

// columnLines say, for a CSV file of events, which columns go into the
// description as "name: value" lines, which are left out, and whether the
// mapping is a person's, kept for the next file with the same header.
func columnLines(cols exchange.Columns, saved time.Time) []string {
	var notes, skipped []string
	mapped := false
	for _, c := range cols.List {
		switch c.Field {
		case exchange.FieldNote:
			notes = append(notes, "“"+c.Name+"”")
		case exchange.FieldSkip:
			skipped = append(skipped, "“"+c.Name+"”")
		}
		mapped = mapped || c.Mapped
	}
	var lines []string
	if len(notes) > 0 {
		names := map[string]any{"Names": strings.Join(notes, ", ")}
		lines = append(lines, counted(len(notes),
			trf("import.columns_noted_one", "The column {{.Names}} goes into each description as a “name: value” line.", names),
			trf("import.columns_noted", "The columns {{.Names}} go into each description as “name: value” lines.", names)))
	}
	if len(skipped) > 0 {
		names := map[string]any{"Names": strings.Join(skipped, ", ")}
		lines = append(lines, counted(len(skipped),
			trf("import.columns_skipped_one", "The column {{.Names}} is left out, as chosen: nothing of it will be imported.", names),
			trf("import.columns_skipped", "The columns {{.Names}} are left out, as chosen: nothing of them will be imported.", names)))
	}
	switch {
	case !saved.IsZero():
		lines = append(lines, trf("import.mapping_saved", "The columns were read as you mapped them on {{.Date}}.",
			map[string]any{"Date": saved.Local().Format("2006-01-02 15:04")}))
	case mapped:
		lines = append(lines, tr("import.mapping_kept", "The columns you mapped will be read the same way in the next file with this header."))
	}
	return lines
}

// maxSampleLines is how much of a description the preview's sample shows.
const maxSampleLines = 8

// firstRecord shows the first event of a CSV file as it will be imported,
// so the effect of a mapping can be seen before anything is written.
func firstRecord(plan app.ImportPlan) fyne.CanvasObject {
	if len(plan.Read.Doc.Events) == 0 {
		return nil
	}
	e := plan.Read.Doc.Events[0]
	lines := []string{tr("field.title", "Title") + ": " + e.Title, tr("field.date", "Date") + ": " + display.EventDate(e, i18n.Lang())}
	if e.Actor != "" {
		lines = append(lines, tr("field.actor", "Actor")+": "+e.Actor)
	}
	if len(e.Tags) > 0 {
		lines = append(lines, tr("field.tags", "Tags")+": "+strings.Join(e.Tags, ", "))
	}
	if len(e.Links) > 0 {
		urls := make([]string, len(e.Links))
		for i, l := range e.Links {
			urls[i] = l.URL
		}
		lines = append(lines, tr("field.sources", "Sources")+": "+strings.Join(urls, ", "))
	}
	if e.Description != "" {
		// Line by line, for the "name: value" lines of columns read as notes.
		lines = append(lines, tr("columns.description", "Description")+":")
		desc := strings.Split(strings.TrimSpace(e.Description), "\n")
		for i, l := range desc {
			if i == maxSampleLines {
				lines = append(lines, "    …")
				break
			}
			lines = append(lines, "    "+display.Shorten(l, 160))
		}
	}
	head := widget.NewLabel(tr("import.first_record", "The first row, as read:"))
	head.TextStyle = fyne.TextStyle{Italic: true}
	body := widget.NewLabel(strings.Join(lines, "\n"))
	body.Wrapping = fyne.TextWrapWord
	return container.NewVBox(head, body)
}

// showImportPreview lists what the import will do and asks to go ahead;
// for a CSV file of events, the columns can be mapped again first. While
// the columns shown differ from those the file was read with, Import waits
// for the file to be read again, so that what is imported is always what
// the preview says.
func (x *Dialogs) showImportPreview(plan app.ImportPlan) {
	report := plan.Report
	summary, sections := importPreview(plan)
	head := widget.NewLabel(summary)
	head.Wrapping = fyne.TextWrapWord
	body := []fyne.CanvasObject{previewSections(sections)}
	var dlg *dialog.CustomDialog
	importButton := widget.NewButtonWithIcon(tr("import.go", "Import"), theme.ConfirmIcon(), func() {
		dlg.Hide()
		x.runImport(plan)
	})
	importButton.Importance = widget.HighImportance
	canAdd := report.AddedEvents+report.AddedPredictions+report.AddedPeriods > 0 || len(report.Views.Added) > 0 || report.Reminders > 0
	setEnabled(importButton, canAdd)
	cancel := widget.NewButtonWithIcon(tr("dialog.cancel", "Cancel"), theme.CancelIcon(), func() { dlg.Hide() })
	if cols := plan.Read.Columns; cols != nil {
		editor := newMappingEditor(*cols)
		reread := widget.NewButtonWithIcon(tr("import.reread", "Read again with these columns"), theme.ViewRefreshIcon(), func() {
			dlg.Hide()
			x.replan(plan, editor.mapping())
		})
		pending := widget.NewLabel(tr("import.reread_first", "The columns changed: read the file again to see what will be imported."))
		pending.Wrapping = fyne.TextWrapWord
		pending.Importance = widget.WarningImportance
		pending.Hide()
		editor.onChange = func(changed bool) {
			pending.Hidden = !changed
			pending.Refresh()
			setEnabled(importButton, canAdd && !changed)
		}
		intro := widget.NewLabel(tr("import.columns", "How each column is read (those you mapped are in bold):"))
		intro.Wrapping = fyne.TextWrapWord
		top := []fyne.CanvasObject{intro, editor.object, container.NewBorder(nil, nil, reread, nil, pending), widget.NewSeparator()}
		if first := firstRecord(plan); first != nil {
			top = append(top, first, widget.NewSeparator())
		}
		body = append(top, body...)
	}
	content := container.NewBorder(head, nil, nil, nil, container.NewVScroll(container.NewVBox(body...)))
	dlg = dialog.NewCustomWithoutButtons(tr("import.preview_title", "Import preview"), content, x.host.Window)
	dlg.SetButtons([]fyne.CanvasObject{cancel, importButton})
	dlg.Resize(fyne.NewSize(760, 680))
	modal.Show(x.host.Window, dlg)
}

// setEnabled enables or disables b.
func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// replan reads the file of plan again with mapping, off the UI goroutine,
// and shows the new preview.
func (x *Dialogs) replan(plan app.ImportPlan, mapping map[string]string) {
	session := x.host.Session()
	progress := x.showProgress(tr("import.reading", "Reading the file…"), nil)
	x.host.Run(func() {
		next, err := session.Transfers().ReplanImport(context.Background(), plan, mapping)
		fyne.Do(func() {
			progress.Hide()
			if err != nil {
				x.host.ShowError(fmt.Errorf("%s: %w", plan.Name, err))
				return
			}
			x.showImportPreview(next)
		})
	})
}
