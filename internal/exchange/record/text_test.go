package record

import (
	"reflect"
	"testing"
)

// Cells written before tags were quoted, and by hand, read as they did.
func TestCSVTagCells(t *testing.T) {
	for cell, want := range map[string][]string{
		"chatgpt; openai":          {"chatgpt", "openai"},
		"GPT-4, Multimodal":        {"GPT-4", "Multimodal"},
		"a b;c":                    {"a b", "c"},
		" ; ,, ":                   nil,
		`say"hi; x`:                {`say"hi`, "x"},
		`"unclosed; x`:             {`"unclosed`, "x"},
		`"r&d, policy"; "us;eu"`:   {"r&d, policy", "us;eu"},
		`"a ""b"" c",d`:            {`a "b" c`, "d"},
		`"quoted"tail; next`:       {"quotedtail", "next"},
		`  "spaced" ;"x"`:          {"spaced", "x"},
		`""; "" ; z`:               {"z"},
		`"a;b"`:                    {"a;b"},
		`"ends with quote"""`:      {`ends with quote"`},
		`"";"";"`:                  {`"`},
		`"x",`:                     {"x"},
		`noquote"; "in the middle`: {`noquote"`, `"in the middle`},
	} {
		if got := SplitTags(cell); !reflect.DeepEqual(got, want) {
			t.Errorf("SplitTags(%q) = %q, want %q", cell, got, want)
		}
	}
}

func TestCleanText(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                    "plain",
		"\x1b[31mred\x1b[0m":       "[31mred[0m",
		"tab\tnew\nline\r\n":       "tab\tnew\nline\r\n",
		"nul\x00 del\x7f c1\u0085": "nul del c1",
		"中文":                       "中文",
	} {
		if got := CleanText(in); got != want {
			t.Errorf("CleanText(%q) = %q, want %q", in, got, want)
		}
	}
	if got := UnixNewlines("a\r\nb\rc\n"); got != "a\nb\nc\n" {
		t.Errorf("UnixNewlines = %q", got)
	}
}
