package record

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"unicode/utf16"
	"unicode/utf8"
)

// Limits on what Read accepts. A file is read whole into memory, so the
// byte limit is also the memory an import may take for the raw text.
const (
	// DefaultMaxBytes is the size limit when ReadOptions.MaxBytes is 0.
	DefaultMaxBytes int64 = 256 << 20
	// MaxJSONDepth is how deeply arrays and objects may nest. Real exports
	// nest four levels; the limit is checked before anything is decoded so
	// a hostile file cannot make the decoder work through deep nesting.
	MaxJSONDepth = 64
	// MaxRecords is how many records (events, predictions, groups and
	// unreadable rows together) one file may hold. A record takes a few
	// hundred bytes in memory, so a small file of tiny rows could
	// otherwise take gigabytes.
	MaxRecords = 1_000_000
	// MaxProblems is how many problems a Result lists; the rest are
	// counted in one last problem. Nobody reads more, and a file of bad
	// rows would otherwise make as many messages as rows.
	MaxProblems = 1000
	// progressEvery is how many records pass between Progress calls.
	progressEvery = 1000
	// CancelEvery is how many records pass between context checks: often
	// enough to stop within milliseconds, rarely enough to cost nothing.
	CancelEvery = 256
)

// Errors that make a whole file unusable. Read wraps them with details, so
// test with errors.Is; the wrapped message can be shown as is.
var (
	ErrTooLarge    = errors.New("file too large")
	ErrNotText     = errors.New("not UTF-8 text")
	ErrTooDeep     = errors.New("nested too deeply")
	ErrMalformed   = errors.New("malformed file")
	ErrWrongFormat = errors.New("not in the expected format")
	ErrVersion     = errors.New("unsupported version")
	ErrUnsupported = errors.New("unsupported format")
)

// ReadInput reads r whole, refusing more than max bytes.
func ReadInput(r io.Reader, max int64) ([]byte, error) {
	// Knowing the size up front saves growing the buffer step by step.
	size := int64(512)
	switch v := r.(type) {
	case interface{ Len() int }:
		size = int64(v.Len())
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
	}
	if size > max {
		return nil, fmt.Errorf("%w: it is over the %s limit", ErrTooLarge, byteSize(max))
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+1))
	if _, err := buf.ReadFrom(io.LimitReader(r, max+1)); err != nil {
		return nil, fmt.Errorf("read the file: %w", err)
	}
	data := buf.Bytes()
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w: it is over the %s limit", ErrTooLarge, byteSize(max))
	}
	return data, nil
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// ToUTF8 returns the text of data as UTF-8 without a byte order mark.
// UTF-16 with a byte order mark (as Windows tools write it) is transcoded;
// anything else that is not valid UTF-8, or holds NUL bytes as binary files
// do, is refused with the line where the trouble starts.
func ToUTF8(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0, 0}), bytes.HasPrefix(data, []byte{0, 0, 0xFE, 0xFF}):
		return nil, fmt.Errorf("%w: the file is UTF-32; save it as UTF-8", ErrNotText)
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return fromUTF16(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return fromUTF16(data[2:], true)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, fmt.Errorf("%w: line %d holds a NUL byte; this looks like a binary file", ErrNotText, LineOf(data, i))
	}
	if !utf8.Valid(data) {
		i := FirstInvalid(data)
		return nil, fmt.Errorf("%w: line %d is not valid UTF-8; save the file as UTF-8", ErrNotText, LineOf(data, i))
	}
	return data, nil
}

func fromUTF16(data []byte, bigEndian bool) ([]byte, error) {
	if len(data)%2 != 0 {
		return nil, fmt.Errorf("%w: the UTF-16 text ends in half a character; the file may be truncated", ErrNotText)
	}
	units := make([]uint16, len(data)/2)
	for i := range units {
		hi, lo := data[2*i+1], data[2*i]
		if bigEndian {
			hi, lo = lo, hi
		}
		units[i] = uint16(hi)<<8 | uint16(lo)
	}
	runes := utf16.Decode(units)
	out := make([]byte, 0, len(runes))
	for i, r := range runes {
		switch r {
		case 0:
			return nil, fmt.Errorf("%w: character %d is a NUL; this looks like a binary file", ErrNotText, i+1)
		case utf8.RuneError:
			return nil, fmt.Errorf("%w: character %d is a broken UTF-16 pair", ErrNotText, i+1)
		}
		out = utf8.AppendRune(out, r)
	}
	return out, nil
}

// FirstInvalid is the offset of the first byte that is not valid UTF-8.
func FirstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// LineOf is the 1-based line holding byte offset off.
func LineOf(data []byte, off int) int {
	off = min(max(off, 0), len(data))
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// Tracker reports progress and notices cancellation while records are
// converted.
type Tracker struct {
	ctx      context.Context
	progress func(done, total int)
	total    int
	done     int
}

// NewTracker tracks the reading of total records.
func NewTracker(opt ReadOptions, total int) *Tracker {
	return &Tracker{ctx: opt.Context, progress: opt.Progress, total: total}
}

// Step counts one record.
func (t *Tracker) Step() error {
	t.done++
	if t.done > MaxRecords {
		return TooManyRecords()
	}
	if t.done%CancelEvery == 0 {
		if err := t.ctx.Err(); err != nil {
			return err
		}
	}
	if t.progress != nil && t.done%progressEvery == 0 {
		t.progress(t.done, t.total)
	}
	return nil
}

// Finish reports the final count, so a progress bar always reaches its
// end even when the total was an estimate.
func (t *Tracker) Finish() error {
	if err := t.ctx.Err(); err != nil {
		return err
	}
	if t.progress != nil {
		t.progress(t.done, t.done)
	}
	return nil
}

// TooManyRecords is the error for a file over MaxRecords.
func TooManyRecords() error {
	return fmt.Errorf("%w: it holds more than %d records", ErrTooLarge, MaxRecords)
}

// Report adds problems to r, listing no more than MaxProblems.
func (r *Result) Report(ps ...Problem) {
	room := max(MaxProblems-len(r.Problems), 0)
	if len(ps) > room {
		r.omitted += len(ps) - room
		ps = ps[:room]
	}
	r.Problems = append(r.Problems, ps...)
}

// Close adds the count of problems left out of the list.
func (r *Result) Close() {
	if r.omitted > 0 {
		r.Problems = append(r.Problems, Problem{Record: "file", Effect: Ignored,
			Message: fmt.Sprintf("%d more problems are not listed", r.omitted)})
		r.omitted = 0
	}
}
