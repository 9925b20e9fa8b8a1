package exchange

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// A JSON reader that knows where it is: it walks a document token by token,
// naming the line of each record, so that a problem in one record of a large
// file is reported with its line and the other records still read.

// jsonElem is one element of a JSON array, decoded on its own so that a
// bad element spoils only itself.
type jsonElem[T any] struct {
	off int64
	v   T
	err error
}

// jsonDoc walks a JSON document that checkJSON has already accepted.
type jsonDoc struct {
	ctx     context.Context
	data    []byte
	dec     *json.Decoder
	lines   []int // offsets of line starts, for reporting lines
	records int   // array elements decoded so far, in all arrays
}

func newJSONDoc(ctx context.Context, data []byte) *jsonDoc {
	d := &jsonDoc{ctx: ctx, data: data, dec: json.NewDecoder(bytes.NewReader(data)), lines: []int{0}}
	for i, c := range data {
		if c == '\n' {
			d.lines = append(d.lines, i+1)
		}
	}
	return d
}

// line is the line where the value at or after offset off starts.
func (d *jsonDoc) line(off int64) int {
	i := int(off)
	for i < len(d.data) && strings.IndexByte(" \t\r\n,:", d.data[i]) >= 0 {
		i++
	}
	return sort.Search(len(d.lines), func(k int) bool { return d.lines[k] > i })
}

// members calls fn with each key of the top-level object; fn must consume
// the value.
func (d *jsonDoc) members(what string, fn func(key string) error) error {
	tok, err := d.dec.Token()
	if err != nil {
		return jsonError(d.data, err, d.dec.InputOffset())
	}
	if tok != json.Delim('{') {
		return fmt.Errorf("%w: a %s file is a JSON object", ErrWrongFormat, what)
	}
	seen := map[string]bool{}
	for d.dec.More() {
		tok, err := d.dec.Token()
		if err != nil {
			return jsonError(d.data, err, d.dec.InputOffset())
		}
		key, _ := tok.(string)
		if seen[key] {
			return fmt.Errorf("%w: the key %q appears twice at the top level", ErrMalformed, key)
		}
		seen[key] = true
		if err := fn(key); err != nil {
			return err
		}
	}
	return nil
}

func (d *jsonDoc) skip() error {
	var raw json.RawMessage
	if err := d.dec.Decode(&raw); err != nil {
		return jsonError(d.data, err, d.dec.InputOffset())
	}
	return nil
}

// value decodes a single value, naming key in the error.
func (d *jsonDoc) value(key string, v any) error {
	off := d.dec.InputOffset()
	if err := d.dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return fmt.Errorf("%w: %q at line %d should be %s, not %s", ErrWrongFormat, key, d.line(off), typeName(te.Type), te.Value)
		}
		return jsonError(d.data, err, off)
	}
	return nil
}

// decodeArray decodes each element of the array at the decoder.
func decodeArray[T any](d *jsonDoc, key string) ([]jsonElem[T], error) {
	tok, err := d.dec.Token()
	if err != nil {
		return nil, jsonError(d.data, err, d.dec.InputOffset())
	}
	if tok == nil {
		return nil, nil
	}
	if tok != json.Delim('[') {
		return nil, fmt.Errorf("%w: %q should be a list", ErrWrongFormat, key)
	}
	var out []jsonElem[T]
	for d.dec.More() {
		if len(out)%cancelEvery == cancelEvery-1 {
			if err := d.ctx.Err(); err != nil {
				return nil, err
			}
		}
		if d.records++; d.records > MaxRecords {
			return nil, tooManyRecords()
		}
		el := jsonElem[T]{off: d.dec.InputOffset()}
		if err := d.dec.Decode(&el.v); err != nil {
			var te *json.UnmarshalTypeError
			if !errors.As(err, &te) {
				return nil, jsonError(d.data, err, d.dec.InputOffset())
			}
			el.err = typeError(te)
		}
		out = append(out, el)
	}
	if _, err := d.dec.Token(); err != nil {
		return nil, jsonError(d.data, err, d.dec.InputOffset())
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

// elemProblems starts the problem list of array element i.
func elemProblems[T any](d *jsonDoc, key string, i int, el jsonElem[T]) *recordProblems {
	rp := &recordProblems{line: d.line(el.off), record: fmt.Sprintf("%s[%d]", key, i)}
	if el.err != nil {
		var fe *fieldError
		if errors.As(el.err, &fe) {
			rp.add(fe.field, "%s", fe.msg)
		} else {
			rp.add("", "%s", el.err.Error())
		}
	}
	return rp
}
