package hindsightjson

import (
	"github.com/hindsight-app/hindsight/internal/exchange/jsondoc"
	"github.com/hindsight-app/hindsight/internal/exchange/record"
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
		Lane: p.Lane, Description: p.Description, CreatedAt: record.FormatTime(p.CreatedAt), UpdatedAt: record.FormatTime(p.UpdatedAt)}
	for _, l := range p.Links {
		w.Links = append(w.Links, hjLink(l))
	}
	return w
}

func (w hjPeriod) model(rp *record.Collector) model.Period {
	p := model.Period{ID: w.ID, Title: w.Title, Color: w.Color, Lane: w.Lane, Description: w.Description}
	p.Start = record.ReadDate(rp, "start", w.Start)
	p.End = record.ReadDate(rp, "end", w.End)
	p.Links = modelLinks(w.Links)
	p.CreatedAt, p.UpdatedAt = readStamps(rp, w.CreatedAt, w.UpdatedAt)
	return p
}

// readHJPeriods converts the periods of one array (key), keeping their ids
// unique across both arrays.
func readHJPeriods(d *jsondoc.Doc, t *record.Tracker, res *record.Result, key string, list []jsondoc.Elem[hjPeriod]) error {
	ids := record.UniqueIDs{}
	for _, p := range res.Doc.Periods {
		ids.Add(p.ID)
	}
	return jsondoc.Each(d, t, key, list, func(rp *record.Collector, v hjPeriod) {
		res.AddPeriod(rp, ids, v.model(rp))
	})
}
