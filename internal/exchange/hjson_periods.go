package exchange

import (
	"github.com/hindsight-app/hindsight/internal/model"
)

// hjPeriod is a period in Hindsight JSON; "groups", which files written
// before periods were records of their own hold, have the same shape with
// only a title, a start and an end.
type hjPeriod struct {
	ID          int64    `json:"id,omitempty"`
	Title       string   `json:"title"`
	Start       string   `json:"start"`
	End         string   `json:"end,omitempty"`
	Color       string   `json:"color,omitempty"`
	Lane        string   `json:"lane,omitempty"`
	Description string   `json:"description,omitempty"`
	Links       []hjLink `json:"links,omitempty"`
	CreatedAt   string   `json:"created_at,omitempty"`
	UpdatedAt   string   `json:"updated_at,omitempty"`
}

func hjPeriodOf(p model.Period) hjPeriod {
	w := hjPeriod{ID: p.ID, Title: p.Title, Start: p.Start.String(), End: p.End.String(), Color: p.Color,
		Lane: p.Lane, Description: p.Description, CreatedAt: formatTime(p.CreatedAt), UpdatedAt: formatTime(p.UpdatedAt)}
	for _, l := range p.Links {
		w.Links = append(w.Links, hjLink(l))
	}
	return w
}

func (w hjPeriod) model(rp *recordProblems) model.Period {
	p := model.Period{ID: w.ID, Title: w.Title, Color: w.Color, Lane: w.Lane, Description: w.Description}
	p.Start = readDate(rp, "start", w.Start)
	p.End = readDate(rp, "end", w.End)
	for _, l := range w.Links {
		p.Links = append(p.Links, model.Link(l))
	}
	p.CreatedAt = readTime(rp, "created_at", w.CreatedAt)
	p.UpdatedAt = readTime(rp, "updated_at", w.UpdatedAt)
	return p
}

// readHJPeriods converts the periods of one array (key), keeping their ids
// unique across both arrays.
func readHJPeriods(d *jsonDoc, t *tracker, res *Result, key string, list []jsonElem[hjPeriod]) error {
	ids := uniqueIDs{}
	for _, p := range res.Doc.Periods {
		ids.add(p.ID)
	}
	for i, el := range list {
		if err := t.step(); err != nil {
			return err
		}
		rp := elemProblems(d, key, i, el)
		p := el.v.model(rp)
		ids.check(rp, "period", &p.ID)
		if rp.finishPeriod(&p) {
			res.Doc.Periods = append(res.Doc.Periods, p)
			ids.add(p.ID)
		}
		res.report(rp.all()...)
	}
	return nil
}
