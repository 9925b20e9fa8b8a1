package localefix

import "testing"

func TestFallback(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{}, ""},
		{map[string]string{"LANG": "C"}, ""},
		{map[string]string{"LANG": "POSIX"}, ""},
		{map[string]string{"LANG": "C.UTF-8"}, "en"},
		{map[string]string{"LANG": "C.utf8"}, "en"},
		{map[string]string{"LC_ALL": "POSIX.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, ""},
		{map[string]string{"LANG": "en_US.UTF-8"}, ""},
		{map[string]string{"LANG": "de_DE@euro"}, ""},
		{map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "zh_CN:en"}, ""},
		{map[string]string{"LANG": "en_US.UTF-8", "LANGUAGE": "1234"}, "en"},
		{map[string]string{"LANG": "???"}, "en"},
		{map[string]string{"LC_MESSAGES": "zh_TW.Big5", "LANG": "C.UTF-8"}, ""},
	}
	for _, c := range cases {
		got := Fallback(func(k string) string { return c.env[k] })
		if got != c.want {
			t.Errorf("Fallback(%v) = %q, want %q", c.env, got, c.want)
		}
	}
}
