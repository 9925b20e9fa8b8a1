#!/bin/sh
# bench-table.sh: reads `go test -bench` output and prints the benchmarks
# run at several database sizes (names ending in /10k, /100k, /1M) side by
# side, one row a benchmark, time per operation in each column; the other
# lines pass through unchanged before the table.
awk '
/^Benchmark/ {
	name = $1; sub(/-[0-9]+$/, "", name)
	n = split(name, part, "/"); size = part[n]
	if (size ~ /^[0-9]+(k|M)$/) {
		row = substr(name, 1, length(name) - length(size) - 1)
		ns = $3
		if (ns >= 1e9) t = sprintf("%.2f s", ns / 1e9)
		else if (ns >= 1e6) t = sprintf("%.1f ms", ns / 1e6)
		else if (ns >= 1e3) t = sprintf("%.1f µs", ns / 1e3)
		else t = sprintf("%d ns", ns)
		if (!(row in seen)) { seen[row] = 1; order[++rows] = row }
		cell[row, size] = t
		if (!(size in sizes)) { sizes[size] = 1; cols[++ncols] = size }
		next
	}
}
{ print }
END {
	if (rows == 0) exit
	printf "\n%-60s", "benchmark"
	for (c = 1; c <= ncols; c++) printf "  %12s", cols[c]
	printf "\n"
	for (r = 1; r <= rows; r++) {
		printf "%-60s", order[r]
		for (c = 1; c <= ncols; c++) {
			v = cell[order[r], cols[c]]; if (v == "") v = "-"
			printf "  %12s", v
		}
		printf "\n"
	}
}'
