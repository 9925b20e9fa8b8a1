package filterbar

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hindsight-app/hindsight/internal/filter"
	"github.com/hindsight-app/hindsight/internal/model"
)

func TestFilterSummary(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct {
		f    filter.Filter
		want string
	}{
		{filter.Filter{Categories: []model.Category{model.CategoryModel, model.CategoryProduct}, Tags: []string{"open-weights"}, From: "2023", To: "2024"},
			"Model, Product · tag: open-weights · 2023 – 2024"},
		{filter.Filter{Actors: []string{"OpenAI"}}, "actor: OpenAI"},
		{filter.Filter{Actors: []string{"OpenAI", "DeepSeek", "Meta AI", "Zhipu AI", "01.AI"}}, "actors: OpenAI, DeepSeek, Meta AI +2"},
		{filter.Filter{Tags: []string{"a", "b"}, States: []model.State{model.StateTrue, model.StatePartly}}, "tags: a, b · predictions: True, Partly true"},
		{filter.Filter{From: "2023-11", To: "2023-11"}, "Nov 2023"},
		{filter.Filter{From: "mid-2022"}, "from mid-2022"},
		{filter.Filter{To: "14 March 2023", From: "nonsense"}, "until 14 Mar 2023"},
	} {
		if got := Summary(c.f); got != c.want {
			t.Errorf("%+v: %q, want %q", c.f, got, c.want)
		}
	}
}
