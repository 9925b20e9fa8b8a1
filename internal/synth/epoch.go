package synth

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"

	"github.com/hindsight-app/hindsight/internal/when"
)

// EpochColumns is the column layout of Epoch AI's table of notable AI
// models (published as CSV under CC BY 4.0), in its order.
var EpochColumns = []string{
	"Model", "Organization", "Publication date", "Domain", "Task", "Parameters", "Parameters notes",
	"Training compute (FLOP)", "Training compute notes", "Training dataset", "Training dataset size (gradients)",
	"Dataset size notes", "Confidence", "Link", "Reference", "Citations", "Authors", "Abstract",
	"Organization categorization", "Country (of organization)", "Notability criteria", "Notability criteria notes",
	"Epochs", "Training time (hours)", "Training time notes", "Training hardware", "Hardware quantity",
	"Hardware utilization (MFU)", "Training compute cost (2023 USD)", "Compute cost notes",
	"Training power draw (W)", "Base model", "Finetune compute (FLOP)", "Finetune compute notes", "Batch size",
	"Batch size notes", "Model accessibility", "Training code accessibility", "Inference code accessibility",
	"Accessibility notes", "Numerical format", "Frontier model", "Hardware acquisition cost",
	"Hardware utilization (HFU)", "Training compute cost (cloud)", "Training compute cost (upfront)",
}

// The pieces made-up model rows are built from. None is a real model: the
// rows exercise the layout, not history.
var (
	epochStems   = []string{"Nimbus", "Corvid", "Halyard", "Lumen", "Tessera", "Quill", "Basalt", "Marlin", "Orrery", "Sable", "Vellum", "Zephyr", "灵犀", "星河", "玄鸟"}
	epochLabs    = []string{"Northwind AI", "Kestrel Labs", "Univ. of Examplia", "Deepwater Research", "Harbor Institute", "Saffron AI", "启明实验室", "Meridian Inc.", "Tamarack Computing", "Blue Heron AI"}
	epochDomains = []string{"Language", "Vision", "Language,Vision", "Multimodal", "Biology", "Games", "Speech", "Robotics", "Language,Image generation"}
	epochTasks   = []string{"Language modeling/generation", "Image classification", "Protein folding prediction", "Chat", "Code generation", "Speech recognition"}
	epochLevels  = []string{"Confident", "Likely", "Speculative", ""}
	epochAccess  = []string{"Open weights (unrestricted)", "API access", "Unreleased", "Open weights (restricted use)", ""}
	epochCountry = []string{"United States of America", "United Kingdom of Great Britain and Northern Ireland", "China", "Canada", "France", "United States of America,China"}
)

// EpochCSV writes rows made-up models in Epoch AI's notable-models layout:
// the header, then one row a model, newest first, with multi-line quoted
// notes and abstracts, several addresses in some Link cells and several
// organisations in some Organization cells, as the real table has. Model
// names are unique. The same rows and seed give the same file.
func EpochCSV(rows int, seed uint64) []byte {
	g := New(seed)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(EpochColumns)
	day := when.DayOf(2025, 6, 30)
	cells := make([]string, len(EpochColumns))
	for i := range rows {
		for j := range cells {
			cells[j] = ""
		}
		stem := epochStems[g.rng.IntN(len(epochStems))]
		size := []int{1, 3, 7, 13, 34, 70, 180, 405}[g.rng.IntN(8)]
		lab := epochLabs[g.rng.IntN(len(epochLabs))]
		set := func(col, v string) {
			for j, c := range EpochColumns {
				if c == col {
					cells[j] = v
					return
				}
			}
			panic("no column " + col)
		}
		set("Model", fmt.Sprintf("%s-%dB v%d", stem, size, i+1))
		switch {
		case i%17 == 0:
			set("Organization", lab+","+epochLabs[(i+3)%len(epochLabs)]+","+epochLabs[(i+5)%len(epochLabs)])
		case i%5 == 0:
			set("Organization", lab+","+epochLabs[(i+1)%len(epochLabs)])
		default:
			set("Organization", lab)
		}
		set("Publication date", day.String())
		day -= when.Day(1 + g.rng.IntN(5))
		set("Domain", epochDomains[g.rng.IntN(len(epochDomains))])
		set("Task", epochTasks[g.rng.IntN(len(epochTasks))])
		if g.rng.IntN(4) > 0 {
			set("Parameters", fmt.Sprintf("%d000000000", size))
		}
		if i%3 == 0 {
			set("Parameters notes", fmt.Sprintf("Table 2 of the paper gives %d billion.\nThe embedding layers are counted, as the authors do.", size))
		}
		if g.rng.IntN(3) > 0 {
			set("Training compute (FLOP)", fmt.Sprintf("%.2e", float64(size)*1e9*6*float64(20+g.rng.IntN(2000))*1e9))
			set("Training compute notes", "6 × parameters × tokens, with \"tokens\" from section 3.1,\nrounded.")
		}
		set("Training dataset", []string{"Web text", "Proprietary", "ImageNet, LAION", ""}[g.rng.IntN(4)])
		set("Confidence", epochLevels[g.rng.IntN(len(epochLevels))])
		link := fmt.Sprintf("https://example.org/papers/%d", i+1)
		switch {
		case i%7 == 0:
			link += ",https://example.com/blog/" + strings.ToLower(stem) + fmt.Sprintf("-%d,https://example.net/code/%d", i+1, i+1)
		case i%4 == 0:
			link += ",https://example.com/models/" + fmt.Sprint(i+1)
		}
		set("Link", link)
		set("Reference", fmt.Sprintf("%s: scaling %s models, part %d", stem, strings.ToLower(epochTasks[i%len(epochTasks)]), i+1))
		set("Citations", fmt.Sprint(g.rng.IntN(5000)))
		set("Authors", "A. Author, B. Writer, C. Researcher")
		if g.rng.IntN(5) > 0 {
			set("Abstract", fmt.Sprintf("We present %s-%dB, a model trained on \"diverse\" data.\n\nIt improves on earlier work, by some margin; results, code and weights follow.", stem, size))
		}
		set("Organization categorization", []string{"Industry", "Academia", "Industry,Academia"}[g.rng.IntN(3)])
		set("Country (of organization)", epochCountry[g.rng.IntN(len(epochCountry))])
		set("Notability criteria", []string{"SOTA improvement", "Highly cited", "Training cost", "Significant use"}[g.rng.IntN(4)])
		if g.rng.IntN(6) == 0 {
			set("Training hardware", "Example TPU v9")
			set("Hardware quantity", fmt.Sprint(64*(1+g.rng.IntN(64))))
		}
		set("Model accessibility", epochAccess[g.rng.IntN(len(epochAccess))])
		switch g.rng.IntN(10) {
		case 0:
			set("Frontier model", "True")
		case 1:
			set("Frontier model", "False")
		}
		_ = w.Write(cells)
	}
	w.Flush()
	return buf.Bytes()
}
