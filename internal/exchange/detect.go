package exchange

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/hindsight-app/hindsight/internal/exchange/csvfile"
	"github.com/hindsight-app/hindsight/internal/exchange/markwhen"
	"github.com/hindsight-app/hindsight/internal/exchange/record"
)

// DetectBytes is how much of the start of a file Detect needs to see.
const DetectBytes = 16 << 10

var (
	reHindsightFormat = regexp.MustCompile(`"format"\s*:\s*"hindsight"`)
	reSeedFormat      = regexp.MustCompile(`"format"\s*:\s*"hindsight-seed"`)
	reTimelineKeys    = regexp.MustCompile(`"(?:start_date|headline|eras|unique_id)"\s*:`)
	reTimelineTitle   = regexp.MustCompile(`^\{\s*"title"\s*:\s*\{`)
	reTimelineXML     = regexp.MustCompile(`^(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<timeline[\s>]`)
)

// Detect guesses the format of a file from its name and its first bytes
// (DetectBytes of them are plenty). The extension decides between kinds of
// file (JSON, CSV, Markwhen, iCalendar) and the content between formats of
// one kind; a file with no telling extension is judged by its content.
// Binary content is refused whatever the name.
func Detect(name string, head []byte) (Format, error) {
	text, err := headText(head)
	if err != nil {
		return "", err
	}
	trimmed := strings.TrimSpace(text)
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".json":
		return detectJSON(name, trimmed)
	case ".csv":
		return detectCSV(name, text, true)
	case ".mw", ".markwhen":
		return FormatMarkwhen, nil
	case ".ics", ".ical", ".icalendar":
		return FormatICal, nil
	case ".timeline":
		return FormatTimeline, nil
	}
	switch {
	case trimmed == "":
		return "", fmt.Errorf("%w: %s is empty", ErrWrongFormat, name)
	case strings.HasPrefix(trimmed, "{"):
		return detectJSON(name, trimmed)
	case strings.HasPrefix(strings.ToUpper(trimmed), "BEGIN:VCALENDAR"):
		return FormatICal, nil
	case reTimelineXML.MatchString(trimmed):
		return FormatTimeline, nil
	case markwhen.LooksLike(text):
		return FormatMarkwhen, nil
	}
	if f, err := detectCSV(name, text, false); err == nil {
		return f, nil
	}
	return "", fmt.Errorf("%w: cannot tell the format of %s (Hindsight reads Hindsight JSON, CSV, TimelineJS JSON, Markwhen and Timeline project files)", ErrWrongFormat, name)
}

// headText decodes the start of a file, which may end in the middle of a
// character.
func headText(head []byte) (string, error) {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE, 0, 0}), bytes.HasPrefix(head, []byte{0, 0, 0xFE, 0xFF}):
		return "", fmt.Errorf("%w: the file is UTF-32; save it as UTF-8", ErrNotText)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		big := head[0] == 0xFE
		body := head[2 : 2+(len(head)-2)/2*2]
		units := make([]uint16, len(body)/2)
		for i := range units {
			if big {
				units[i] = uint16(body[2*i])<<8 | uint16(body[2*i+1])
			} else {
				units[i] = uint16(body[2*i+1])<<8 | uint16(body[2*i])
			}
		}
		head = []byte(string(utf16.Decode(units)))
	}
	head = bytes.TrimPrefix(head, []byte("\uFEFF"))
	// Forgive a character cut in half at the end of the sample.
	if i := record.FirstInvalid(head); i < len(head) && !utf8.FullRune(head[i:]) {
		head = head[:i]
	}
	if bytes.IndexByte(head, 0) >= 0 || !utf8.Valid(head) {
		return "", fmt.Errorf("%w: this looks like a binary file, not text", ErrNotText)
	}
	return string(head), nil
}

func detectJSON(name, text string) (Format, error) {
	switch {
	case !strings.HasPrefix(text, "{"):
		return "", fmt.Errorf("%w: %s does not hold a JSON object", ErrWrongFormat, name)
	case reSeedFormat.MatchString(text):
		return "", fmt.Errorf("%w: %s is a Hindsight seed file, which the app loads itself; export from the app to get a file to import", ErrWrongFormat, name)
	case reHindsightFormat.MatchString(text):
		return FormatHindsightJSON, nil
	case reTimelineKeys.MatchString(text), reTimelineTitle.MatchString(text):
		return FormatTimelineJS, nil
	}
	return "", fmt.Errorf("%w: %s is JSON but neither a Hindsight export nor a TimelineJS timeline", ErrWrongFormat, name)
}

// detectCSV tells events from predictions by the header row: predictions
// have a statement column; any other header is events, its columns mapped
// (see csvfile.Columns). A file that does not say it is CSV (csvName false)
// must have a column recognised as a title or a date.
func detectCSV(name, text string, csvName bool) (Format, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return "", fmt.Errorf("%w: the first row of %s cannot be read as CSV", ErrWrongFormat, name)
	}
	cols := map[string]bool{}
	for _, h := range header {
		cols[csvfile.HeaderKey(h)] = true
	}
	has := func(names ...string) bool {
		for _, n := range names {
			if cols[n] {
				return true
			}
		}
		return false
	}
	switch {
	case has("statement"):
		return FormatCSVPredictions, nil
	case csvName && len(header) >= 2:
		return FormatCSVEvents, nil
	case len(header) >= 2 && (RecogniseColumns(header).Has(FieldDate) || RecogniseColumns(header).Has(FieldTitle)):
		return FormatCSVEvents, nil
	}
	return "", fmt.Errorf("%w: the first row of %s has a single column, which is not a table of events or predictions", ErrWrongFormat, name)
}

// ExportFormatFor is the format to write a file called name in, from its
// extension alone: a new file has no content to look at. .json means
// Hindsight's own JSON (the one format that keeps everything); .csv is
// refused, since events and predictions are separate CSV files.
func ExportFormatFor(name string) (Format, error) {
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".json":
		return FormatHindsightJSON, nil
	case ".mw", ".markwhen":
		return FormatMarkwhen, nil
	case ".ics", ".ical", ".icalendar":
		return FormatICal, nil
	case ".csv":
		return "", fmt.Errorf("a .csv file holds either events or predictions: name the format (csv-events or csv-predictions)")
	case "":
		return "", fmt.Errorf("%s has no extension to tell the format by", name)
	default:
		return "", fmt.Errorf("no format is written as %s files", ext)
	}
}

// Sniff guesses the format of the file called name whose content r
// streams, by reading (and keeping) only its first DetectBytes. It returns
// a reader that gives the whole content again, from the start, whatever
// the guess: on an error the caller may still read the file in a format it
// names itself.
func Sniff(name string, r io.Reader) (Format, io.Reader, error) {
	br := bufio.NewReaderSize(r, DetectBytes)
	head, err := br.Peek(DetectBytes)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return "", br, err
	}
	f, err := Detect(name, head)
	return f, br, err
}
