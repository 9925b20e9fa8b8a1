package transfer

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/internal/exchange"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
)

// recordsCount is "3 predictions", "1 saved view": n records of a kind as
// exchange.Loss names kinds.
func recordsCount(records string, n int) string {
	switch records {
	case "events":
		return i18n.EventCount(n)
	case "predictions":
		return i18n.PredictionCount(n)
	case "groups":
		return trn("count.groups", "1 era or section", "{{.Count}} eras or sections", n, nil)
	case "sources":
		return trn("count.sources", "1 source", "{{.Count}} sources", n, nil)
	case "views":
		return trn("count.views", "1 saved view", "{{.Count}} saved views", n, nil)
	case "reminders":
		return trn("count.reminders", "1 reminder sent", "{{.Count}} reminders sent", n, nil)
	}
	return trn("count.records", "1 record", "{{.Count}} records", n, nil)
}

// lossText says what an export leaves out or changes, counted, in the
// interface's language.
func lossText(l exchange.Loss) string {
	data := map[string]any{"Records": recordsCount(l.Records, l.Count)}
	switch l.Field {
	case exchange.LossRecords:
		if l.Records == "sources" {
			return trf("export.loss.sources", "Left out: the details (Chinese name, kind, address) of {{.Records}}", data)
		}
		return trf("export.loss.records", "Left out: {{.Records}}, which this format has no place for", data)
	case exchange.LossTimes:
		return trf("export.loss.times", "Left out: the created and updated times of {{.Records}}", data)
	case exchange.LossLineEnds:
		return trf("export.loss.line_ends", "Written as plain line ends: the carriage returns in {{.Records}}", data)
	case exchange.LossTags:
		return trf("export.loss.tags", "Left out: the tags of {{.Records}}", data)
	case exchange.LossCategory:
		return trf("export.loss.category", "Left out: the categories of {{.Records}}", data)
	case exchange.LossTitleZh:
		return trf("export.loss.title_zh", "Left out: the Chinese titles of {{.Records}}", data)
	case exchange.LossTitle:
		return trf("export.loss.title", "Left out: the English titles of {{.Records}} (the Chinese title is written instead)", data)
	case exchange.LossDate:
		return trf("export.loss.date", "Left out: the ends of {{.Records}} whose uncertain date already ends there", data)
	case exchange.LossID:
		return trf("export.loss.id", "Left out: the IDs of {{.Records}}, which an earlier record has", data)
	case exchange.LossLinkQuote:
		return trf("export.loss.link_quote", "Changed: the link quotes of {{.Records}} (put on one line, or left out where they repeat the address)", data)
	case exchange.LossEvidence:
		return trf("export.loss.evidence", "Left out: the evidence of {{.Records}}", data)
	case exchange.LossHistory:
		return trf("export.loss.history", "Left out: the earlier wordings of {{.Records}}", data)
	case exchange.LossDeadline:
		return trf("export.loss.deadline", "Changed: the deadline phrases of {{.Records}}, which now read as other deadlines", data)
	case exchange.LossDuplicate:
		return trf("export.loss.duplicate", "Written once: {{.Records}} that repeat an earlier one", data)
	}
	return trf("export.loss.other", "Changed: {{.Records}}", data)
}

// lossesContent lists what an export leaves out, one line each.
func lossesContent(losses []exchange.Loss) fyne.CanvasObject {
	lines := make([]string, len(losses))
	for i, l := range losses {
		lines[i] = "• " + lossText(l)
	}
	lead := widget.NewLabel(tr("export.losses_lead", "This format cannot carry everything in the database. Before anything is written:"))
	lead.Wrapping = fyne.TextWrapWord
	list := widget.NewLabel(strings.Join(lines, "\n"))
	list.Wrapping = fyne.TextWrapWord
	return container.NewBorder(lead, nil, nil, nil, container.NewVScroll(list))
}
