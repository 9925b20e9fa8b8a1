package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/app"
	"github.com/hindsight-app/hindsight/internal/display"
	"github.com/hindsight-app/hindsight/internal/exchange"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
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
// written: a summary, then what will be added (with dates and titles),
// what is skipped and why, what is imported only in part, what of the
// file is passed over, and what becomes of saved views and reminders.
func importPreview(plan app.ImportPlan) (summary string, sections []previewSection) {
	r := plan.Report
	if r.AddedEvents+r.AddedPredictions == 0 {
		summary = trf("import.nothing_new", "Nothing in {{.File}} is new to this database.", map[string]any{"File": plan.Name})
	} else {
		summary = trf("import.summary", "From {{.File}}: {{.Events}} and {{.Predictions}} will be added.", map[string]any{
			"File": plan.Name, "Events": i18n.EventCount(r.AddedEvents), "Predictions": i18n.PredictionCount(r.AddedPredictions)})
	}
	lang := i18n.Lang()

	var added []string
	for _, e := range r.NewEvents {
		added = append(added, i18n.EventDateText(e)+" · "+display.Shorten(e.DisplayTitle(lang), 100))
	}
	for _, p := range r.NewPredictions {
		added = append(added, p.Made.Format(lang)+" · "+display.Shorten(p.DisplayStatement(lang), 100)+" — "+p.DisplaySource(lang))
	}
	add := func(title string, lines []string) {
		if len(lines) > 0 {
			sections = append(sections, previewSection{title: title, lines: capLines(lines)})
		}
	}
	add(trn("import.section.added", "Will be added: 1 record", "Will be added: {{.Count}} records", len(added), nil), added)

	var skipped, partly, ignored []string
	for _, e := range r.DuplicateEvents {
		skipped = append(skipped, trf("import.duplicate_event", "{{.Date}} · {{.Title}}: already in the database",
			map[string]any{"Date": i18n.EventDateText(e), "Title": display.Shorten(e.DisplayTitle(lang), 100)}))
	}
	for _, p := range r.DuplicatePredictions {
		skipped = append(skipped, trf("import.duplicate_prediction", "{{.Statement}}: already in the database",
			map[string]any{"Statement": display.Shorten(p.DisplayStatement(lang), 100)}))
	}
	for _, p := range plan.Read.Problems {
		line := problemPlace(p) + ": " + problemReason(p)
		switch p.Effect {
		case exchange.PartLeftOut:
			partly = append(partly, line)
		case exchange.Ignored:
			ignored = append(ignored, line)
		default:
			skipped = append(skipped, line)
		}
	}
	add(trn("import.section.skipped", "Skipped: 1 record", "Skipped: {{.Count}} records", len(skipped), nil), skipped)
	add(trn("import.section.partly", "Imported without a part: 1 record", "Imported without a part: {{.Count}} records", len(partly), nil), partly)
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

// importPreviewContent lays the preview out: the summary, then each
// section under its heading.
func importPreviewContent(summary string, sections []previewSection) fyne.CanvasObject {
	head := widget.NewLabel(summary)
	head.Wrapping = fyne.TextWrapWord
	body := container.NewVBox()
	for _, s := range sections {
		body.Add(widget.NewLabelWithStyle(s.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		lines := widget.NewLabel(strings.Join(s.lines, "\n"))
		lines.Wrapping = fyne.TextWrapWord
		body.Add(lines)
	}
	return container.NewBorder(head, nil, nil, nil, container.NewVScroll(body))
}
