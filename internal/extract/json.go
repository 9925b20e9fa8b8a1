package extract

import "encoding/json"

// MarshalJSON writes the claim with its deadline in canonical form
// ("within:24", "by:2025").
func (c ClaimFields) MarshalJSON() ([]byte, error) {
	type plain ClaimFields
	return json.Marshal(struct {
		plain
		Deadline string `json:"deadline,omitempty"`
	}{plain(c), c.Deadline.Canonical()})
}

// MarshalJSON writes the mention with its deadline in canonical form and
// how a relative phrase was anchored.
func (d DateMention) MarshalJSON() ([]byte, error) {
	type plain DateMention
	out := struct {
		plain
		Limit  string `json:"limit,omitempty"`
		Anchor string `json:"anchor,omitempty"`
	}{plain: plain(d), Limit: d.Limit.Canonical()}
	if d.Anchor != 0 {
		out.Anchor = d.Anchor.String()
	}
	return json.Marshal(out)
}
