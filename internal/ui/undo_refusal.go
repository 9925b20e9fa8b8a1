package ui

import (
	"strings"

	"github.com/hindsight-app/hindsight/internal/display"
	"github.com/hindsight-app/hindsight/internal/store"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
)

// What the Edit menu's Undo and Redo say they would do, and what the
// window says when the store refuses one because a record it would
// overwrite has changed since.

// changeText names a change after "Undo" or "Redo": “edit “GPT-4””,
// “import of 952 events”.
func changeText(c store.Change) string {
	if c.Entity == store.EntityBatch {
		records := i18n.BatchCount(c.Events, c.Predictions, c.Periods)
		if c.Action == store.ActionImport {
			return trf("change.import", "import of {{.Records}}", map[string]any{"Records": records})
		}
		return trf("change.add_many", "adding {{.Records}}", map[string]any{"Records": records})
	}
	var verb string
	switch c.Action {
	case store.ActionAdd:
		verb = tr("change.add", "add")
	case store.ActionUpdate:
		verb = tr("change.update", "edit")
	case store.ActionDelete:
		verb = tr("change.delete", "delete")
	case store.ActionResolve:
		verb = tr("change.resolve", "resolve")
	default:
		verb = tr("change.unresolve", "reopen")
	}
	return verb + " “" + display.Shorten(c.Label, 30) + "”"
}

// refusedLabel is what the Undo or Redo menu item says after the store
// refused it, until the records are read again.
func refusedLabel(refused *store.ConflictError) string {
	if refused.Undo {
		return tr("menu.undo_refused", "Cannot undo") + " " + changeText(refused.Change)
	}
	return tr("menu.redo_refused", "Cannot redo") + " " + changeText(refused.Change)
}

// refusalText says what was not undone (or redone), and why.
func refusalText(refused *store.ConflictError) string {
	data := map[string]any{
		"Change": changeText(refused.Change),
		"Record": recordText(refused.Entity, refused.ID, refused.Label),
		"Other":  recordText(refused.OtherEntity, refused.OtherID, refused.OtherLabel),
	}
	lead := trf("refusal.undo_lead", "Did not undo {{.Change}}: a record it would overwrite has changed since.", data)
	if !refused.Undo {
		lead = trf("refusal.redo_lead", "Did not redo {{.Change}}: a record it would overwrite has changed since it was undone.", data)
	}
	var reason string
	switch refused.Problem {
	case store.ProblemChanged:
		var fields []string
		for _, f := range refused.Fields {
			fields = append(fields, fieldText(f))
		}
		data["Fields"] = strings.Join(fields, tr("refusal.list_separator", ", "))
		reason = trf("refusal.changed", "{{.Record}} was changed since: {{.Fields}}.", data)
	case store.ProblemDeleted:
		reason = trf("refusal.deleted", "{{.Record}} was deleted since.", data)
	case store.ProblemExists:
		reason = trf("refusal.exists", "{{.Record}} exists now, where this step left none.", data)
	case store.ProblemCited:
		reason = trf("refusal.cited", "{{.Other}} now cites {{.Record}} as evidence, and would lose it.", data)
	default:
		reason = trf("refusal.missing", "{{.Record}} cites {{.Other}}, which no longer exists.", data)
	}
	text := lead + "\n\n" + reason
	switch {
	case refused.More == 1:
		text += " " + trn("refusal.more", "One more record of this step has changed too.", "{{.Count}} more records of this step have changed too.", 1, nil)
	case refused.More > 1:
		text += " " + trn("refusal.more", "One more record of this step has changed too.", "{{.Count}} more records of this step have changed too.", refused.More, nil)
	}
	if refused.Undo {
		return text + "\n\n" + tr("refusal.undo_skip", "Nothing was changed. Skip this step to leave the records as they are now; the next Undo then goes on to the step before it.")
	}
	return text + "\n\n" + tr("refusal.redo_skip", "Nothing was changed. Skip this step to leave the records as they are now; the next Redo then goes on to the step after it.")
}

// recordText names a record by its title or statement, or by its number
// when the store no longer knows them.
func recordText(entity string, id int64, label string) string {
	data := map[string]any{"ID": id, "Label": display.Shorten(label, 40)}
	switch {
	case entity == store.EntityEvent && label != "":
		return trf("record.event", "the event “{{.Label}}”", data)
	case entity == store.EntityEvent:
		return trf("record.event_id", "event {{.ID}}", data)
	case entity == store.EntityPrediction && label != "":
		return trf("record.prediction", "the prediction “{{.Label}}”", data)
	case entity == store.EntityPrediction:
		return trf("record.prediction_id", "prediction {{.ID}}", data)
	}
	return trf("record.source_id", "source {{.ID}}", data)
}

// fieldText names what changed, with the words of the detail panel and
// the forms.
func fieldText(field string) string {
	switch field {
	case store.FieldTitle:
		return tr("field.title", "Title")
	case store.FieldTitleZh:
		return tr("form.title_zh", "Chinese title")
	case store.FieldDate:
		return tr("field.date", "Date")
	case store.FieldActor:
		return tr("field.actor", "Actor")
	case store.FieldCategory:
		return tr("field.category", "Category")
	case store.FieldDescription:
		return tr("form.description", "Description")
	case store.FieldTags:
		return tr("field.tags", "Tags")
	case store.FieldLinks:
		return tr("field.sources", "Sources")
	case store.FieldStatement:
		return tr("field.statement", "Statement")
	case store.FieldStatementZh:
		return tr("form.statement_zh", "Chinese wording")
	case store.FieldSource:
		return tr("field.source", "Made by")
	case store.FieldMade:
		return tr("field.made", "Made on")
	case store.FieldDeadline:
		return tr("field.deadline", "Deadline")
	case store.FieldProbability:
		return tr("field.probability", "Probability")
	case store.FieldCriteria:
		return tr("field.criteria", "Resolution criteria")
	case store.FieldLink:
		return tr("field.said_where", "Where it was said")
	case store.FieldResolution:
		return tr("field.state", "State")
	case store.FieldEvidence:
		return tr("form.evidence", "Evidence")
	case store.FieldVersions:
		return tr("field.versions", "Earlier wordings")
	case store.FieldCreated:
		return tr("field.created", "Time created")
	case store.FieldSaved:
		return tr("field.saved", "Time saved")
	case store.FieldKind:
		return tr("field.kind", "Kind")
	case store.FieldProvenance:
		return tr("field.provenance", "How the date is known")
	case store.FieldInterest:
		return tr("field.interest", "Interest")
	case store.FieldRestates:
		return tr("field.restates", "Restates")
	case store.FieldReviewed:
		return tr("field.last_reviewed", "Last reviewed")
	}
	return tr("field.details", "Details")
}
