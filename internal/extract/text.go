package extract

import "github.com/hindsight-app/hindsight/internal/extract/prose"

// span is a byte range of the text read.
type span = prose.Range

// Format is the markup of the input text (see prose.Format).
type Format = prose.Format

// The formats Extract reads. Offsets in a Result always refer to the plain
// text the input was turned into (Result.Text).
const (
	FormatAuto     = prose.FormatAuto
	FormatPlain    = prose.FormatPlain
	FormatMarkdown = prose.FormatMarkdown
	FormatHTML     = prose.FormatHTML
)

// FormatForFile guesses the format from a file name's extension.
func FormatForFile(name string) Format { return prose.FormatForFile(name) }
