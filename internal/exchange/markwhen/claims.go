package markwhen

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hindsight-app/hindsight/internal/exchange/record"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/when"
)

// Predictions in Markwhen: each is an entry on the day it was made,
// "<made>: <statement> #tag", after the events, so that a Markwhen viewer
// shows it on the timeline. A claim property says what sort of claim it is
// and marks the entry as a prediction; every other field travels as a
// property (JSON-quoted when it is not plain text, so nothing of it is
// changed): id, statement (when the line cannot say it exactly), made,
// statement_zh, source, provenance, deadline and deadline_canonical,
// probability, criteria, tags, interest, restates, reviewed_on, links
// (JSON: url, quote, published, primary), state, fraction, resolved_on,
// note, evidence (JSON: event_id, role) and history (JSON). Lines written
// under a prediction by hand are read as more of its criteria.

// claimProp is the property that marks a Markwhen entry as a prediction.
const claimProp = "claim"

type mwClaimLink struct {
	URL       string `json:"url,omitempty"`
	Quote     string `json:"quote,omitempty"`
	Published string `json:"published,omitempty"`
	Primary   bool   `json:"primary,omitempty"`
}

func writeMarkwhenPrediction(b *strings.Builder, p model.Prediction, lang string) {
	line := markwhenRange(p.Made, when.Date{}) + ": " + oneLine(p.DisplayStatement(lang))
	for _, t := range p.Tags {
		if reWholeTag.MatchString(t) && !reAllDigits.MatchString(t) {
			line += " #" + t
		}
	}
	b.WriteString(line + "\n")
	back := (&mwParser{}).eventLine(line)
	var title string
	var tags []string
	var links []model.Link
	if back != nil && back.err == nil {
		title, tags, links = splitTitle(back.rest)
	} else {
		back = &mwBlock{}
	}
	kind := p.Kind
	if kind == "" {
		kind = model.KindForecast
	}
	writeProp(b, claimProp, string(kind))
	prop := func(key, value string) {
		if value != "" {
			writeProp(b, key, value)
		}
	}
	jsonProp := func(key string, v any) {
		text, _ := json.Marshal(v)
		b.WriteString(key + ": " + string(text) + "\n")
	}
	if p.ID != 0 {
		prop("id", strconv.FormatInt(p.ID, 10))
	}
	if back.start != p.Made || !back.end.IsZero() {
		prop("made", p.Made.String())
	}
	if title != p.Statement || len(links) > 0 {
		prop("statement", p.Statement)
	}
	if !slices.Equal(model.NormalizeTags(tags), model.NormalizeTags(p.Tags)) {
		jsonProp("tags", record.NonNil(p.Tags))
	}
	prop("statement_zh", p.StatementZh)
	prop("source", p.Source)
	prop("provenance", string(p.Provenance))
	if !p.Deadline.IsZero() {
		prop("deadline", p.Deadline.Phrase)
		prop("deadline_canonical", p.Deadline.Canonical())
	}
	if p.Probability != nil {
		prop("probability", record.FormatFloat(*p.Probability))
	}
	prop("criteria", p.Criteria)
	prop("interest", p.Interest)
	if p.Restates != 0 {
		prop("restates", strconv.FormatInt(p.Restates, 10))
	}
	prop("reviewed_on", p.ReviewedOn.String())
	if len(p.Links) > 0 {
		list := make([]mwClaimLink, len(p.Links))
		for i, l := range p.Links {
			list[i] = mwClaimLink{URL: l.URL, Quote: l.Quote, Published: l.Published.String(), Primary: l.Primary}
		}
		jsonProp("links", list)
	}
	if r := p.Resolution; r.Resolved() {
		prop("state", string(r.State))
		if r.Fraction != 0 {
			prop("fraction", record.FormatFloat(r.Fraction))
		}
		prop("resolved_on", r.On.String())
		prop("note", r.Note)
		if len(r.Evidence) > 0 {
			jsonProp("evidence", record.EvidenceOf(r.Evidence))
		}
	}
	if len(p.History) > 0 {
		jsonProp("history", record.WordingsOf(p.History))
	}
	b.WriteString("\n")
}

// isClaim reports whether a Markwhen entry is a prediction.
func (b *mwBlock) isClaim() bool {
	return slices.ContainsFunc(b.props, func(p mwProp) bool { return p.key == claimProp })
}

// prediction reads a Markwhen entry that holds a prediction. eventIDs are
// the ids of the events read, which its evidence may name.
func (b *mwBlock) prediction(rp *record.Collector, ids record.UniqueIDs, eventIDs map[int64]bool) (model.Prediction, bool) {
	if b.err != nil {
		rp.Add("made", "%s", b.err.Error())
		return model.Prediction{}, false
	}
	if b.size > maxDescBytes {
		rp.Add("criteria", "the text under it is longer than %d characters", model.MaxDescriptionRunes)
		return model.Prediction{}, false
	}
	statement, tags, _ := splitTitle(b.rest)
	p := model.Prediction{Statement: statement, Tags: tags, Made: b.start}
	madeGiven := false
	var extra []string
	var deadline, canonical string
	var resolution model.Resolution
	for _, pr := range b.props {
		v := propValue(pr.value)
		switch pr.key {
		case claimProp:
			p.Kind = record.ReadKind(rp, claimProp, v)
		case "id":
			p.ID = record.ReadID(rp, v)
		case "made":
			p.Made, madeGiven = record.ReadDate(rp, "made", v), true
		case "statement":
			p.Statement = v
		case "tags":
			p.Tags = propList(pr.value)
		case "statement_zh":
			p.StatementZh = v
		case "source":
			p.Source = v
		case "provenance":
			p.Provenance = record.ReadProvenance(rp, "provenance", v)
		case "deadline":
			deadline = v
		case "deadline_canonical":
			canonical = v
		case "probability":
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || !record.Finite(f) {
				rp.Add("probability", "cannot read %q as a probability from 0 to 1", v)
			}
			p.Probability = &f
		case "criteria":
			p.Criteria = v
		case "interest":
			p.Interest = v
		case "restates":
			p.Restates = record.ReadIDField(rp, "restates", v)
		case "reviewed_on":
			p.ReviewedOn = record.ReadDate(rp, "reviewed_on", v)
		case "links":
			list, _ := readJSONProp[[]mwClaimLink](rp, "links", pr.value, `a JSON list of {"url", "quote", "published", "primary"}`)
			for i, l := range list {
				p.Links = append(p.Links, model.SourceLink{URL: l.URL, Quote: l.Quote, Primary: l.Primary,
					Published: record.ReadDate(rp, fmt.Sprintf("links[%d].published", i), l.Published)})
			}
		case "state":
			resolution.State = record.ReadState(rp, "state", v)
		case "fraction":
			resolution.Fraction = record.ReadFraction(rp, v)
		case "resolved_on":
			resolution.On = record.ReadDate(rp, "resolved_on", v)
		case "note":
			resolution.Note = v
		case "evidence":
			list, _ := readJSONProp[[]record.EvidenceJSON](rp, "evidence", pr.value, `a JSON list of {"event_id", "role"}`)
			resolution.Evidence = append(resolution.Evidence, record.ReadEvidence(list)...)
		case "history":
			p.History = readHistoryProp(rp, pr.value)
		default:
			extra = append(extra, pr.key+": "+pr.value)
		}
	}
	if !b.end.IsZero() && !madeGiven {
		rp.Add("made", "a prediction is made on one date, not over %s to %s; give the made property", b.start, b.end)
	}
	p.Deadline = record.ReadDeadline(rp, "deadline", deadline, canonical, p.Made, false)
	resolution.Evidence = record.KeepKnownEvidence(resolution.Evidence, eventIDs, rp)
	p.Resolution = resolution
	// Lines under the entry, and properties Hindsight does not know, stay
	// visible as more of its criteria.
	var more []string
	for _, l := range b.desc {
		if rest, escaped := strings.CutPrefix(l, `\`); escaped {
			l = rest
		}
		more = append(more, l)
	}
	if text := strings.TrimSpace(strings.Join(append(extra, more...), "\n")); text != "" {
		p.Criteria = strings.TrimSpace(p.Criteria + "\n\n" + text)
	}
	if strings.TrimSpace(p.Statement) == "" {
		rp.Add("statement", "the prediction has no statement")
	}
	if strings.TrimSpace(p.Source) == "" && rp.OK() {
		rp.Add("source", "the prediction has no source property saying who made it")
	}
	if p.Made.IsZero() && rp.OK() {
		rp.Add("made", "the date it was made is empty")
	}
	ids.Check(rp, "prediction", &p.ID)
	return p, rp.FinishPrediction(&p)
}

// readHistoryProp reads earlier wordings from a JSON property.
func readHistoryProp(rp *record.Collector, v string) []model.Wording {
	list, ok := readJSONProp[[]record.WordingJSON](rp, "history", v, `a JSON list of {"version", "statement"}`)
	if !ok {
		return nil
	}
	return record.ReadWordings(rp, list)
}
