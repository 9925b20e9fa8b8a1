package prose

import (
	"strings"
	"testing"
)

func TestSentencesAndClauses(t *testing.T) {
	text := "好在OpenAI 11月6日的开发者大会紧急推出了GPTS,并放了一些新的feature,但能不能大获成功也是个question;如果失败了呢？\n" +
		"标题行\n" +
		"Mr. Altman said GPT-3.5 was fine. The U.S. market grew 3.5 times in 2023! Is it over?\n" +
		"This line is wrapped by an editor\nand goes on here.\n\n" +
		"1. OpenAI will ship it. (55%)\n\n" +
		"二、第二部分\n"
	got := Split(text, []Range{{Start: 0, End: len(text)}})
	var texts []string
	for _, s := range got {
		texts = append(texts, s.Text(text))
	}
	want := []string{
		"好在OpenAI 11月6日的开发者大会紧急推出了GPTS,并放了一些新的feature,但能不能大获成功也是个question;",
		"如果失败了呢？",
		"标题行",
		"Mr. Altman said GPT-3.5 was fine.",
		"The U.S. market grew 3.5 times in 2023!",
		"Is it over?",
		"This line is wrapped by an editor\nand goes on here.",
		"OpenAI will ship it. (55%)",
		"二、第二部分",
	}
	if strings.Join(texts, "|") != strings.Join(want, "|") {
		t.Fatalf("sentences:\n%q\nwant\n%q", texts, want)
	}
	var clauses []string
	for _, c := range got[0].Clauses {
		clauses = append(clauses, c.Text(text))
	}
	if want := "好在OpenAI 11月6日的开发者大会紧急推出了GPTS|并放了一些新的feature|但能不能大获成功也是个question;"; strings.Join(clauses, "|") != want {
		t.Errorf("clauses of the mixed prose.Sentence: %q", clauses)
	}
	if !got[7].ListItem || got[7].Heading {
		t.Errorf("a numbered item should read as a list item: %+v", got[7])
	}
	if !got[8].Heading || got[7].Section != -1 {
		t.Errorf("“二、第二部分” is a heading: %+v", got[8])
	}
}
