package shareddb

import "github.com/hindsight-app/hindsight/internal/ui/i18n"

// tr and trf are i18n.T and i18n.TF under the short names every screen
// uses: a key, the English text, and for trf the values of its
// {{.Name}} placeholders.
var (
	tr  = i18n.T
	trf = i18n.TF
)
