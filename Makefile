# Hindsight build. `make run` and `make test` install what is missing first.
#
# Every go command gets the same build tags: sqlite_fts5 compiles SQLite's
# full-text search into the driver, migrated_fynedo tells Fyne that every
# update from a goroutine goes through fyne.Do.

GO        ?= go
TAGS      := sqlite_fts5,migrated_fynedo
export GOFLAGS     := -tags=$(TAGS)
export CGO_ENABLED := 1
GOBIN     := $(shell $(GO) env GOPATH)/bin
STATICCHECK_VERSION := v0.8.2
FYNE_TOOL_VERSION   := v1.7.4
VERSION   := $(shell sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
FUZZTIME  ?= 8s
BIN       := bin
LDFLAGS   := -X github.com/hindsight-app/hindsight/internal/ui.Version=$(VERSION)

.PHONY: run build deps test unit fuzz-short fuzz bench stress e2e e2e-windows package package-linux package-windows clean

run: build
	./$(BIN)/hindsight

build: deps
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN)/hindsight ./cmd/hindsight
	$(GO) build -o $(BIN)/hindsightctl ./cmd/hindsightctl

deps:
	@./scripts/install-deps.sh build

$(GOBIN)/staticcheck:
	$(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

# test: formatting, vet (also for macOS and Windows, on the packages that
# need no C compiler), staticcheck, every test, a short fuzz of each parser,
# and a build of the real app (which the headless tests do not link).
test: deps $(GOBIN)/staticcheck
	@unformatted=$$(gofmt -l cmd internal data); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed on: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	./scripts/cross-vet.sh
	$(GOBIN)/staticcheck ./...
	$(GO) test -count=1 ./...
	$(MAKE) --no-print-directory fuzz-short
	$(MAKE) --no-print-directory metadata-check
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN)/hindsight ./cmd/hindsight
	$(GO) build -o $(BIN)/hindsightctl ./cmd/hindsightctl

unit:
	$(GO) test ./...

# Each fuzz target runs on its own: go test -fuzz takes one at a time
# (scripts/fuzz.sh, which also tells a finding from Go's end-of-run race).
FUZZ_TARGETS := ./internal/when:FuzzParse ./internal/when:FuzzParseDeadline ./internal/when:FuzzParseRelative \
  ./internal/exchange:FuzzDetect ./internal/exchange:FuzzReadHindsightJSON \
  ./internal/exchange:FuzzReadCSVEvents ./internal/exchange:FuzzReadCSVPredictions \
  ./internal/exchange:FuzzReadTimelineJS ./internal/exchange:FuzzReadMarkwhen \
  ./internal/exchange:FuzzReadTimelineProject ./internal/exchange:FuzzReadCSVEventsMapped \
  ./internal/exchange:FuzzWriteRoundTrip ./internal/exchange/htmltext:FuzzMarkdown \
  ./internal/ui/linkgate:FuzzMarkdownLinks ./internal/safetext:FuzzNotification \
  ./internal/extract:FuzzExtract ./internal/engine:FuzzRedact

fuzz-short:
	@GO=$(GO) ./scripts/fuzz.sh $(FUZZTIME) $(FUZZ_TARGETS)

fuzz:
	$(MAKE) fuzz-short FUZZTIME=5m

# bench: every benchmark; those run at 10k, 100k and 1M events (the scale
# benchmarks in internal/app, whose files are kept in the temporary
# directory between runs) are printed side by side at the end.
bench:
	@out=$$(mktemp); $(GO) test -run='^$$' -bench=. -benchmem ./... > $$out; status=$$?; \
		./scripts/bench-table.sh < $$out; rm -f $$out; exit $$status

# stress: the crash, concurrency and fault tests with many more rounds
# (see docs/stress.md), the race detector over the store and the UI, and a
# minute of fuzzing per parser.
stress: deps
	HINDSIGHT_STRESS=1 $(GO) test -count=1 -timeout 30m ./internal/store/ ./cmd/hindsightctl/
	$(GO) test -race -count=1 ./internal/store/ ./internal/ui/
	$(MAKE) --no-print-directory fuzz-short FUZZTIME=60s

# e2e: the real app under a virtual X server, driven with xdotool; the
# screenshots of each step land in $(E2E_OUT).
E2E_OUT ?= e2e-out
e2e:
	@./scripts/install-deps.sh gui-test
	./scripts/e2e.sh $(E2E_OUT)

# e2e-windows: the Windows build started under Wine with a fresh profile:
# it must create and seed its database, save an edit and quit cleanly.
WINDOWS_EXE := dist/Hindsight-$(VERSION)-windows-amd64.exe
e2e-windows: package-windows
	@./scripts/install-deps.sh windows-test
	./scripts/e2e-windows.sh $(WINDOWS_EXE) $(E2E_OUT)-windows

$(GOBIN)/fyne:
	$(GO) install fyne.io/tools/cmd/fyne@$(FYNE_TOOL_VERSION)

# package: the Linux archive (with the fyne tool) and a Windows .exe,
# cross-compiled with Debian's mingw-w64, both in dist/, with a zip that
# holds the .exe and hindsightctl.exe, and the checksums of all three.
LINUX_ARCHIVE := dist/Hindsight-$(VERSION)-linux-amd64.tar.xz
WINDOWS_ZIP   := dist/Hindsight-$(VERSION)-windows-amd64.zip
package: package-linux package-windows
	cd dist && sha256sum $(notdir $(LINUX_ARCHIVE) $(WINDOWS_EXE) $(WINDOWS_ZIP)) >SHA256SUMS

# The fyne tool rewrites FyneApp.toml (it bumps the build number); the
# tracked file is put back afterwards, whatever happened. Its archive is
# only unpacked again by package-linux.sh, so xz compresses it fast (-0).
package-linux: build $(GOBIN)/fyne
	mkdir -p dist
	cp FyneApp.toml $(BIN)/FyneApp.toml.keep
	XZ_OPT=-0 $(GOBIN)/fyne package --os linux --exe $(BIN)/hindsight --name Hindsight --release; \
	  status=$$?; cp $(BIN)/FyneApp.toml.keep FyneApp.toml; exit $$status
	./scripts/package-linux.sh Hindsight.tar.xz $(BIN)/hindsightctl $(LINUX_ARCHIVE)
	rm Hindsight.tar.xz

package-windows:
	@./scripts/install-deps.sh package
	mkdir -p dist
	GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
	  $(GO) build -ldflags "-H=windowsgui $(LDFLAGS)" \
	  -o $(WINDOWS_EXE) ./cmd/hindsight
	GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
	  $(GO) build -o $(BIN)/windows/hindsightctl.exe ./cmd/hindsightctl
	./scripts/package-windows.sh $(WINDOWS_EXE) $(BIN)/windows/hindsightctl.exe $(WINDOWS_ZIP)

# package-test: the Linux archive installed into a temporary root as a
# user would (DESTDIR), both programs started from there, the installed
# desktop entry and metainfo validated; the Windows zip and the checksums
# checked.
.PHONY: package-test metadata-check
package-test: package
	@./scripts/install-deps.sh package-test
	./scripts/package-test.sh $(LINUX_ARCHIVE) $(WINDOWS_ZIP) $(WINDOWS_EXE)

# metadata-check: the desktop entry and AppStream metainfo the Linux
# archive ships, validated as a distribution would.
metadata-check:
	@./scripts/install-deps.sh test
	./scripts/check-metadata.sh

clean:
	rm -rf $(BIN) dist
