package due

import "github.com/hindsight-app/hindsight/internal/ui/i18n"

// tr, trf and trn are i18n.T, i18n.TF and i18n.TN under the short names
// every screen uses: a key, the English text, for trf the values of its
// {{.Name}} placeholders, and for trn the English forms for one and for
// other counts.
var (
	tr  = i18n.T
	trf = i18n.TF
	trn = i18n.TN
)
