package record

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

func TestToUTF8(t *testing.T) {
	text := "date,title\n2023-03-14,GPT-4 发布 🚀\n"
	inputs := [][]byte{[]byte(text), []byte("\uFEFF" + text)}
	// UTF-16 both ways, from an encoder other than the one under test.
	for _, order := range []unicode.Endianness{unicode.LittleEndian, unicode.BigEndian} {
		in, err := unicode.UTF16(order, unicode.ExpectBOM).NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, in)
	}
	for _, in := range inputs {
		got, err := ToUTF8(in)
		if err != nil || string(got) != text {
			t.Errorf("ToUTF8(% x…) = %q, %v", in[:4], got, err)
		}
	}
}

func TestToUTF8Refuses(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
		says string
	}{
		{"latin-1", []byte("a\nb\ncaf\xe9\n"), "line 3 is not valid UTF-8"},
		{"NUL", []byte("a\x00b"), "binary"},
		{"UTF-32", []byte{0xFF, 0xFE, 0, 0, 'a', 0, 0, 0}, "UTF-32"},
		{"odd UTF-16", []byte{0xFF, 0xFE, 'a', 0, 'b'}, "truncated"},
		{"lone surrogate", []byte{0xFF, 0xFE, 0x00, 0xD8, 'a', 0}, "broken"},
		{"UTF-16 NUL", []byte{0xFF, 0xFE, 'a', 0, 0, 0}, "NUL"},
	}
	for _, c := range cases {
		_, err := ToUTF8(c.in)
		if !errors.Is(err, ErrNotText) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want ErrNotText saying %q", c.name, err, c.says)
		}
	}
}

func TestByteSize(t *testing.T) {
	for n, want := range map[int64]string{256 << 20: "256 MiB", 1024: "1 KiB", 1000: "1000 bytes"} {
		if got := byteSize(n); got != want {
			t.Errorf("byteSize(%d) = %q, want %q", n, got, want)
		}
	}
}
