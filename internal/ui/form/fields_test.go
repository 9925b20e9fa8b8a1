package form

import (
	// Tests start under a C locale, as the app may.
	_ "github.com/hindsight-app/hindsight/internal/localefix"

	"encoding/json"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hindsight-app/hindsight/assets"
	"github.com/hindsight-app/hindsight/internal/model"
	"github.com/hindsight-app/hindsight/internal/ui/i18n"
	"github.com/hindsight-app/hindsight/internal/ui/look"
	"github.com/hindsight-app/hindsight/internal/ui/uitest"
	"github.com/hindsight-app/hindsight/internal/when"
)

// loadTranslations registers translation files from assets under the
// system locale, the way SetupLanguage forces a language.
func loadTranslations(t *testing.T, names ...string) {
	t.Helper()
	for _, name := range names {
		data, err := assets.Translations.ReadFile("translations/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if err := lang.AddTranslationsForLocale(data, lang.SystemLocale()); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
}

// useChineseForms switches the forms' strings to Chinese for one test and
// back to English after it. Only the forms' files are swapped, since they
// hold the same keys and so restore each other completely.
func useChineseForms(t *testing.T) {
	t.Helper()
	loadTranslations(t, "forms.zh.json")
	restore := i18n.SwapForTest(i18n.LanguageChinese)
	t.Cleanup(func() {
		restore()
		loadTranslations(t, "forms.en.json")
	})
}

func TestDateFieldPreview(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct{ in, want string }{
		{"2023-03", "read as: Mar 2023 (month)"},
		{"mid-2022", "read as: mid-2022 (" + i18n.PrecisionName(when.MustParse("mid-2022").Precision()) + ")"},
		{"2023年3月14日", "read as: 14 Mar 2023 (day)"},
		{"Q3 2023", "read as: Q3 2023 (quarter)"},
		{"circa 2023", "read as: ~2023 (year)"},
	} {
		f := newDateField(when.Date{})
		test.Type(f.entry, c.in)
		problems := fieldProblems{}
		d := f.update("date", problems)
		if len(problems) != 0 || d.IsZero() {
			t.Errorf("%q: read %v with problems %v", c.in, d, problems)
		}
		if !f.preview.Visible() || f.preview.Text != c.want {
			t.Errorf("%q: preview %q (visible %v), want %q", c.in, f.preview.Text, f.preview.Visible(), c.want)
		}
	}
}

func TestDateFieldUnreadable(t *testing.T) {
	test.NewTempApp(t)
	for in, reason := range map[string]string{
		"2023-13-40": "month 13",
		"2023-02-30": "Feb 2023 has 28 days, not 30",
		"yesterday":  "is not a date Hindsight can read",
	} {
		f := newDateField(when.MustParse("2020"))
		f.entry.SetText(in)
		problems := fieldProblems{}
		if d := f.update("date", problems); !d.IsZero() {
			t.Errorf("%q read as %v", in, d)
		}
		msg := problems["date"]
		if !strings.HasPrefix(msg, "Cannot read this date: ") || !strings.Contains(msg, reason) {
			t.Errorf("%q: problem %q, want the lead-in and %q", in, msg, reason)
		}
		if f.preview.Visible() {
			t.Errorf("%q: preview still shown: %q", in, f.preview.Text)
		}
	}
}

func TestDateFieldPreviewChinese(t *testing.T) {
	test.NewTempApp(t)
	useChineseForms(t)
	f := newDateField(when.Date{})
	test.Type(f.entry, "2023-03")
	f.update("date", fieldProblems{})
	want := "读作：2023年3月（" + i18n.PrecisionName(when.PrecisionMonth) + "）"
	if f.preview.Text != want {
		t.Errorf("preview %q, want %q", f.preview.Text, want)
	}
	// The reason is Chinese too, with no English word in it.
	loadTranslations(t, "zh.json")
	t.Cleanup(func() { loadTranslations(t, "en.json") })
	f.entry.SetText("2023-02-30")
	problems := fieldProblems{}
	f.update("date", problems)
	if problems["date"] != "无法识别此日期：2023年2月只有 28 天，没有 30 日" {
		t.Errorf("problem %q, want it all in Chinese", problems["date"])
	}
	// An existing date is shown in the interface language.
	if g := newDateField(when.MustParse("2023-03-14")); g.entry.Text != "2023年3月14日" {
		t.Errorf("pre-filled %q", g.entry.Text)
	}
}

func TestFieldErrorHintUntilTouched(t *testing.T) {
	test.NewTempApp(t)
	fe := newFieldError()
	if fe.label.Visible() || fe.text() != "" {
		t.Fatal("a new error line should be hidden")
	}
	fe.set("required", true)
	if fe.text() != "required" || fe.label.Importance != widget.MediumImportance {
		t.Errorf("untouched empty field: %q importance %v, want a plain hint", fe.text(), fe.label.Importance)
	}
	fe.touched = true
	fe.set("required", true)
	if fe.label.Importance != widget.DangerImportance {
		t.Errorf("touched field: importance %v, want danger", fe.label.Importance)
	}
	fe.touched = false
	fe.set("bad value", false)
	if fe.label.Importance != widget.DangerImportance {
		t.Errorf("wrong content: importance %v, want danger", fe.label.Importance)
	}
	fe.set("", false)
	if fe.label.Visible() || fe.text() != "" {
		t.Error("clearing should hide the line")
	}
}

func TestFieldErrorText(t *testing.T) {
	test.NewTempApp(t)
	err := model.Event{Category: "nope", Links: []model.Link{{URL: "javascript:alert(1)"}}}.Validate()
	problems := fieldProblems{}
	problems.addValidation(err)
	want := fieldProblems{
		"title":        "This must not be empty.",
		"date":         "Enter a date.",
		"category":     "Choose a category.",
		"links[0].url": "Enter a full web address starting with http:// or https://.",
	}
	for field, msg := range want {
		if problems[field] != msg {
			t.Errorf("%s: %q, want %q", field, problems[field], msg)
		}
	}
	// A key without a translation falls back to the model's message.
	if got := fieldErrorText(model.FieldError{Key: "error.new_kind", Message: "as is"}); got != "as is" {
		t.Errorf("unknown key gave %q", got)
	}
}

func TestSplitList(t *testing.T) {
	got := splitList(" LLM, open weights，中文、x;; ")
	want := []string{"LLM", "open weights", "中文", "x"}
	if !slices.Equal(got, want) {
		t.Errorf("splitList = %q, want %q", got, want)
	}
	if got := splitList(""); len(got) != 0 {
		t.Errorf("empty text gave %q", got)
	}
}

func TestProbabilityTextRoundTrips(t *testing.T) {
	for _, p := range []float64{0, 0.7, 0.07, 0.333, 1, 1.0 / 3} {
		text := i18n.ProbabilityText(p)
		back, err := model.ParseProbability(text)
		if err != nil || back == nil || *back != p {
			t.Errorf("%v → %q → %v, %v", p, text, back, err)
		}
	}
	if got := i18n.ProbabilityText(0.7); got != "70%" {
		t.Errorf("0.7 shown as %q, want 70%%", got)
	}
}

func TestCompletions(t *testing.T) {
	options := []string{"OpenAI", "Anthropic", "Google DeepMind", "open-weights", "llm", "Meta", "Mistral AI"}
	for _, c := range []struct {
		text  string
		multi bool
		want  []string
	}{
		{"op", false, []string{"OpenAI", "open-weights", "Anthropic"}},
		{"MI", false, []string{"Mistral AI", "Google DeepMind"}},
		{"OpenAI", false, nil},
		{"", false, nil},
		{"llm, op", true, []string{"OpenAI", "open-weights", "Anthropic"}},
		{"open-weights，op", true, []string{"OpenAI", "Anthropic"}},
		{"llm, ", true, nil},
		{"llm,", true, nil},
		{"ll", true, []string{"llm"}},
	} {
		if got := completions(options, c.text, c.multi); !slices.Equal(got, c.want) {
			t.Errorf("completions(%q, multi=%v) = %q, want %q", c.text, c.multi, got, c.want)
		}
	}
	many := make([]string, 20)
	for i := range many {
		many[i] = "tag" + string(rune('a'+i))
	}
	if got := completions(many, "tag", false); len(got) != maxCompletions {
		t.Errorf("%d completions offered, want at most %d", len(got), maxCompletions)
	}
}

func TestCompletionEntryChoose(t *testing.T) {
	test.NewTempApp(t)
	var edits []string
	e := newCompletionEntry([]string{"llm", "open-weights", "OpenAI"}, true)
	e.onEdit = func(s string) { edits = append(edits, s) }
	test.Type(e, "llm， ope")
	if want := []string{"open-weights", "OpenAI"}; !slices.Equal(e.matches, want) {
		t.Fatalf("matches %q, want %q", e.matches, want)
	}
	e.choose("open-weights")
	if e.Text != "llm， open-weights, " {
		t.Errorf("text after choosing %q", e.Text)
	}
	if len(e.matches) != 0 {
		t.Errorf("matches left after choosing: %q", e.matches)
	}
	if last := edits[len(edits)-1]; last != e.Text {
		t.Errorf("onEdit last saw %q, want %q", last, e.Text)
	}

	single := newCompletionEntry([]string{"Anthropic"}, false)
	test.Type(single, "anth")
	single.choose("Anthropic")
	if single.Text != "Anthropic" {
		t.Errorf("single entry text %q", single.Text)
	}
}

// typeFocused types into whatever has the keyboard, as a person would.
func typeFocused(c fyne.Canvas, text string) {
	for _, r := range text {
		c.Focused().TypedRune(r)
	}
}

// The list of matches floats in the form under the entry, which keeps the
// keyboard: typing goes on, Down and Return pick a match, Escape closes the
// list; no overlay of the window is added, so no click is swallowed.
func TestCompletionListKeyboard(t *testing.T) {
	test.NewTempApp(t)
	e := newCompletionEntry([]string{"OpenAI", "open-weights", "Anthropic"}, false)
	layer := newFloatLayer(widget.NewForm(widget.NewFormItem("Actor", e)))
	e.layer = layer
	w := test.NewTempWindow(t, layer.box)
	w.Resize(fyne.NewSize(400, 300))
	c := w.Canvas()
	c.Focus(e)
	typeFocused(c, "o")
	if !e.showing() || layer.float != e.list || len(layer.box.Objects) != 2 {
		t.Fatal("no list of matches while typing")
	}
	if c.Overlays().Top() != nil {
		t.Error("the list is an overlay of the window, which would take the next click")
	}
	if below := e.list.Position().Y; below < e.Position().Y+e.Size().Height-1 {
		t.Errorf("the list is at y %v, not under the entry (y %v, height %v)", below, e.Position().Y, e.Size().Height)
	}
	if c.Focused() != e {
		t.Fatalf("focus on %T, want the entry", c.Focused())
	}
	typeFocused(c, "pen")
	if e.Text != "open" {
		t.Errorf("typing gave %q", e.Text)
	}
	if want := []string{"OpenAI", "open-weights"}; !slices.Equal(e.matches, want) {
		t.Errorf("matches %q, want %q", e.matches, want)
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if e.Text != "open-weights" {
		t.Errorf("Down, Return chose %q, want open-weights", e.Text)
	}
	if e.showing() || len(layer.box.Objects) != 1 {
		t.Error("list still shown after choosing")
	}

	e.SetText("")
	typeFocused(c, "anth")
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.showing() || e.Text != "anth" {
		t.Errorf("Escape: list shown %v, text %q", e.showing(), e.Text)
	}
	// A tap on a match chooses it.
	e.SetText("")
	typeFocused(c, "an")
	test.Tap(e.list.rows.Objects[0].(*suggestionRow))
	if e.Text != "Anthropic" {
		t.Errorf("tapping the match gave %q", e.Text)
	}
}

// Every string key the form files use is in both translation files, the
// two files hold the same keys with the same placeholders, and every
// Chinese text is Chinese.
func TestFormTranslationsComplete(t *testing.T) {
	used := map[string]bool{}
	fallback := map[string]string{}
	keyPattern := regexp.MustCompile(`trf?\(\s*"(form\.[^"]+)",\s*("(?:[^"\\]|\\.)*")`)
	for _, name := range []string{"fields.go", "event.go", "period.go", "prediction.go", "resolve.go", "claim.go"} {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyPattern.FindAllSubmatch(src, -1) {
			key := string(m[1])
			text, err := strconv.Unquote(string(m[2]))
			if err != nil {
				t.Fatalf("%s: %v", key, err)
			}
			if old, ok := fallback[key]; ok && old != text {
				t.Errorf("%s has two fallbacks: %q and %q", key, old, text)
			}
			used[key], fallback[key] = true, text
		}
	}
	if len(used) < 50 {
		t.Fatalf("only %d keys found in the sources", len(used))
	}
	read := func(name string) map[string]string {
		data, err := assets.Translations.ReadFile("translations/" + name)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return m
	}
	en, zh := read("forms.en.json"), read("forms.zh.json")
	placeholders := regexp.MustCompile(`\{\{\.\w+\}\}`)
	for key := range used {
		if en[key] == "" || zh[key] == "" {
			t.Errorf("%s: en %q, zh %q", key, en[key], zh[key])
		}
	}
	for key, text := range en {
		if !used[key] {
			t.Errorf("%s is in forms.en.json but no form uses it", key)
		} else if text != fallback[key] {
			t.Errorf("%s: forms.en.json says %q, the code's fallback %q", key, text, fallback[key])
		}
		if !strings.HasPrefix(key, "form.") {
			t.Errorf("%s lacks the form. prefix", key)
		}
		pe := placeholders.FindAllString(text, -1)
		pz := placeholders.FindAllString(zh[key], -1)
		slices.Sort(pe)
		slices.Sort(pz)
		if !slices.Equal(pe, pz) {
			t.Errorf("%s: placeholders %v in English, %v in Chinese", key, pe, pz)
		}
		if !strings.ContainsFunc(zh[key], func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			t.Errorf("%s: Chinese text %q has no Chinese", key, zh[key])
		}
	}
	for key := range zh {
		if _, ok := en[key]; !ok {
			t.Errorf("%s is in forms.zh.json only", key)
		}
	}
}

// formShots is where TestFormScreenshots writes its pictures; it runs only
// when given, to look at the forms by eye:
//
//	go test -run TestFormScreenshots ./internal/ui -args -formshots=DIR
var formShots = flag.String("formshots", "", "directory to write PNG renderings of the forms to")

func TestFormScreenshots(t *testing.T) {
	if *formShots == "" {
		t.Skip("pass -formshots=DIR to render the forms")
	}
	for _, language := range []string{i18n.LanguageEnglish, i18n.LanguageChinese} {
		t.Run(language, func(t *testing.T) {
			a := test.NewTempApp(t)
			a.Settings().SetTheme(look.NewTheme())
			if language == i18n.LanguageChinese {
				loadTranslations(t, "zh.json", "forms.zh.json")
				restore := i18n.SwapForTest(i18n.LanguageChinese)
				t.Cleanup(func() {
					restore()
					loadTranslations(t, "en.json", "forms.en.json")
				})
			}
			write := func(name string, w fyne.Window) {
				out, err := os.Create(filepath.Join(*formShots, language+"-"+name+".png"))
				if err != nil {
					t.Fatal(err)
				}
				defer out.Close()
				if err := png.Encode(out, w.Canvas().Capture()); err != nil {
					t.Fatal(err)
				}
			}
			// Each form twice: as its dialog opens over a window, and its
			// whole content laid out at the dialog's width.
			shoot := func(name string, open func(w fyne.Window) fyne.CanvasObject) {
				w := test.NewTempWindow(t, widget.NewLabel(""))
				w.Resize(fyne.NewSize(720, 680))
				content := open(w)
				settle(w.Canvas())
				write(name, w)
				whole := test.NewTempWindow(t, container.NewPadded(content))
				whole.Resize(fyne.NewSize(formSize.Width, 2000))
				settle(whole.Canvas())
				whole.Resize(fyne.NewSize(formSize.Width, content.MinSize().Height+2*theme.Padding()))
				settle(whole.Canvas())
				write(name+"-whole", whole)
			}
			p, events := resolveFixture()
			shoot("event-new", func(w fyne.Window) fyne.CanvasObject {
				return opened(w, newEventForm(model.Event{}, testSuggestions, func(model.Event) error { return nil })).content
			})
			shoot("event-completion", func(w fyne.Window) fyne.CanvasObject {
				f := opened(w, newEventForm(model.Event{}, testSuggestions, func(model.Event) error { return nil }))
				settle(w.Canvas())
				w.Canvas().Focus(f.tags)
				typeFocused(w.Canvas(), "llm, m")
				return f.content
			})
			shoot("event-errors", func(w fyne.Window) fyne.CanvasObject {
				f := opened(w, newEventForm(model.Event{}, testSuggestions, func(model.Event) error { return nil }))
				fillValidEvent(f)
				f.date.entry.SetText("2023-13-40")
				f.end.entry.SetText("2022")
				f.links.rows[0].url.SetText("javascript:alert(1)")
				return f.content
			})
			shoot("event-edit", func(w fyne.Window) fyne.CanvasObject {
				f := opened(w, newEventForm(events[0], testSuggestions, func(model.Event) error { return nil }))
				f.date.entry.SetText("mid-2022")
				return f.content
			})
			shoot("prediction", func(w fyne.Window) fyne.CanvasObject {
				f := opened(w, newPredictionForm(model.Prediction{ID: 1}, testSuggestions, func(model.Prediction) error { return nil }))
				fillValidPrediction(f)
				f.probability.SetText("140%")
				return f.content
			})
			shoot("resolve", func(w fyne.Window) fyne.CanvasObject {
				f := OpenResolve(w, p, Events(events), func(model.Resolution) error { return nil })
				pickState(f, model.StatePartly)
				f.fraction.SetValue(40)
				f.on.entry.SetText("2024-03-15")
				f.rows[3].check.SetChecked(true)
				return f.content
			})
		})
	}
}

// settle does for a test canvas what a real window does before it draws:
// lays every container and widget out again for the sizes their content
// now needs (a shown error line, a hidden hint), and takes the focus
// highlight off entries typed into by test.Type.
func settle(c fyne.Canvas) {
	unfocus := func(w fyne.Widget) {
		if e, ok := w.(fyne.Focusable); ok && c.Focused() != e {
			e.FocusLost()
		}
	}
	for range 3 {
		uitest.Relayout(c.Content(), unfocus)
		for _, o := range c.Overlays().List() {
			uitest.Relayout(o, unfocus)
		}
	}
}
