// Package jsondoc walks a JSON document token by token, knowing the line
// of each value, so that a problem in one record of a large file is
// reported with its line and the other records are still read. Check
// refuses a whole file that is not JSON, or nests too deeply, before
// anything is decoded.
package jsondoc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"

	"github.com/hindsight-app/hindsight/internal/exchange/record"
)

// Elem is one element of a JSON array, decoded on its own so that a
// bad element spoils only itself.
type Elem[T any] struct {
	off int64
	V   T
	err error
}

// Doc walks a JSON document that Check has already accepted.
type Doc struct {
	ctx     context.Context
	data    []byte
	dec     *json.Decoder
	lines   []int // offsets of line starts, for reporting lines
	records int   // array elements decoded so far, in all arrays
}

// New starts a walk of data.
func New(ctx context.Context, data []byte) *Doc {
	d := &Doc{ctx: ctx, data: data, dec: json.NewDecoder(bytes.NewReader(data)), lines: []int{0}}
	for i, c := range data {
		if c == '\n' {
			d.lines = append(d.lines, i+1)
		}
	}
	return d
}

// Line is the line where the value at or after offset off starts.
func (d *Doc) Line(off int64) int {
	i := int(off)
	for i < len(d.data) && strings.IndexByte(" \t\r\n,:", d.data[i]) >= 0 {
		i++
	}
	return sort.Search(len(d.lines), func(k int) bool { return d.lines[k] > i })
}

// Members calls fn with each key of the top-level object; fn must consume
// the value.
func (d *Doc) Members(what string, fn func(key string) error) error {
	tok, err := d.dec.Token()
	if err != nil {
		return errorAt(d.data, err, d.dec.InputOffset())
	}
	if tok != json.Delim('{') {
		return fmt.Errorf("%w: a %s file is a JSON object", record.ErrWrongFormat, what)
	}
	seen := map[string]bool{}
	for d.dec.More() {
		tok, err := d.dec.Token()
		if err != nil {
			return errorAt(d.data, err, d.dec.InputOffset())
		}
		key, _ := tok.(string)
		if seen[key] {
			return fmt.Errorf("%w: the key %q appears twice at the top level", record.ErrMalformed, key)
		}
		seen[key] = true
		if err := fn(key); err != nil {
			return err
		}
	}
	return nil
}

// Skip passes over the value at the decoder.
func (d *Doc) Skip() error {
	var raw json.RawMessage
	if err := d.dec.Decode(&raw); err != nil {
		return errorAt(d.data, err, d.dec.InputOffset())
	}
	return nil
}

// Value decodes a single value, naming key in the error.
func (d *Doc) Value(key string, v any) error {
	off := d.dec.InputOffset()
	if err := d.dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return fmt.Errorf("%w: %q at line %d should be %s, not %s", record.ErrWrongFormat, key, d.Line(off), typeName(te.Type), te.Value)
		}
		return errorAt(d.data, err, off)
	}
	return nil
}

// DecodeArray decodes each element of the array at the decoder.
func DecodeArray[T any](d *Doc, key string) ([]Elem[T], error) {
	tok, err := d.dec.Token()
	if err != nil {
		return nil, errorAt(d.data, err, d.dec.InputOffset())
	}
	if tok == nil {
		return nil, nil
	}
	if tok != json.Delim('[') {
		return nil, fmt.Errorf("%w: %q should be a list", record.ErrWrongFormat, key)
	}
	var out []Elem[T]
	for d.dec.More() {
		if len(out)%record.CancelEvery == record.CancelEvery-1 {
			if err := d.ctx.Err(); err != nil {
				return nil, err
			}
		}
		if d.records++; d.records > record.MaxRecords {
			return nil, record.TooManyRecords()
		}
		el := Elem[T]{off: d.dec.InputOffset()}
		if err := d.dec.Decode(&el.V); err != nil {
			var te *json.UnmarshalTypeError
			if !errors.As(err, &te) {
				return nil, errorAt(d.data, err, d.dec.InputOffset())
			}
			el.err = typeError(te)
		}
		out = append(out, el)
	}
	if _, err := d.dec.Token(); err != nil {
		return nil, errorAt(d.data, err, d.dec.InputOffset())
	}
	return out, nil
}

// fieldError names the field a type error is about.
type fieldError struct {
	field string
	msg   string
}

func (e *fieldError) Error() string { return e.msg }

func typeError(te *json.UnmarshalTypeError) error {
	return &fieldError{field: te.Field, msg: fmt.Sprintf("should be %s, not %s", typeName(te.Type), te.Value)}
}

func typeName(t reflect.Type) string {
	if t == nil {
		return "something else"
	}
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Pointer:
		return typeName(t.Elem()) + " or null"
	}
	return t.String()
}

// Each reads the elements of the array named key in turn, calling read
// with each element and a collector for its problems. It steps t before
// each, and stops at the first error t gives (too many records, or the
// import was cancelled).
func Each[T any](d *Doc, t *record.Tracker, key string, list []Elem[T], read func(rp *record.Collector, v T)) error {
	for i, el := range list {
		if err := t.Step(); err != nil {
			return err
		}
		read(newCollector(d, key, i, el), el.V)
	}
	return nil
}

// newCollector starts the problem list of array element i.
func newCollector[T any](d *Doc, key string, i int, el Elem[T]) *record.Collector {
	rp := &record.Collector{Line: d.Line(el.off), Record: fmt.Sprintf("%s[%d]", key, i)}
	if el.err != nil {
		var fe *fieldError
		if errors.As(el.err, &fe) {
			rp.Add(fe.field, "%s", fe.msg)
		} else {
			rp.Add("", "%s", el.err.Error())
		}
	}
	return rp
}

// Check walks every token of data, refusing nesting deeper than
// record.MaxJSONDepth and any syntax error, before anything is decoded.
// Token keeps its own stack rather than recursing, so depth costs it
// nothing.
func Check(ctx context.Context, data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	depth, n := 0, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if n == 0 {
				return fmt.Errorf("%w: the file is empty", record.ErrMalformed)
			}
			return fmt.Errorf("%w: the JSON ends too early; the file may be truncated", record.ErrMalformed)
		}
		if err != nil {
			return errorAt(data, err, dec.InputOffset())
		}
		n++
		if n%(record.CancelEvery*16) == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '[', '{':
				depth++
				if depth > record.MaxJSONDepth {
					return fmt.Errorf("%w: arrays and objects nest more than %d levels at line %d",
						record.ErrTooDeep, record.MaxJSONDepth, record.LineOf(data, int(dec.InputOffset())))
				}
			default:
				depth--
			}
		}
		if depth == 0 && n > 1 {
			if _, err := dec.Token(); err != io.EOF {
				return fmt.Errorf("%w: unexpected text after the JSON document at line %d",
					record.ErrMalformed, record.LineOf(data, int(dec.InputOffset())))
			}
			return nil
		}
		if depth == 0 {
			return fmt.Errorf("%w: expected a JSON object, not a single value", record.ErrWrongFormat)
		}
	}
}

// errorAt turns a decoder error into a message that says where.
func errorAt(data []byte, err error, off int64) error {
	var syn *json.SyntaxError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), err == io.EOF:
		return fmt.Errorf("%w: the JSON ends too early; the file may be truncated", record.ErrMalformed)
	case errors.As(err, &syn):
		return fmt.Errorf("%w: invalid JSON at line %d: %v", record.ErrMalformed, record.LineOf(data, int(syn.Offset)), syn)
	}
	return fmt.Errorf("%w: invalid JSON at line %d: %v", record.ErrMalformed, record.LineOf(data, int(off)), err)
}

// UseNumber makes the values decoded from here on keep numbers as
// json.Number, so that a version such as 2.5 is read exactly.
func (d *Doc) UseNumber() { d.dec.UseNumber() }
