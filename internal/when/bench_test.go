package when

import "testing"

func BenchmarkParse(b *testing.B) {
	inputs := []struct{ name, text string }{
		{"EDTF", "2023-02~/2025-02"},
		{"English", "Mar 14, 2023"},
		{"Chinese", "2023年第三季度"},
		{"Interval", "Feb 2023 - Feb 2025"},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Parse(in.text); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEarliestLatest(b *testing.B) {
	dates := []Date{MustParse("2023-24"), MustParse("2022-05~/2022-08~"), MustParse("-0043-03-15"), MustParse("2024")}
	var sum Day
	for b.Loop() {
		for _, d := range dates {
			sum += d.Latest() - d.Earliest()
		}
	}
	if sum < 0 {
		b.Fatal("negative extent")
	}
}
