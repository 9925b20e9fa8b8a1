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
FUZZTIME  ?= 10s
BIN       := bin

.PHONY: run build deps test vet staticcheck unit fuzz-short fuzz bench clean

run: build
	./$(BIN)/hindsight

build: deps
	$(GO) build -o $(BIN)/hindsight ./cmd/hindsight
	$(GO) build -o $(BIN)/hindsightctl ./cmd/hindsightctl

deps:
	@./scripts/install-deps.sh build

$(GOBIN)/staticcheck:
	$(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

# test: formatting, vet, staticcheck, every test, a short fuzz of each
# parser, and a build of the real app (which the headless tests do not link).
test: deps $(GOBIN)/staticcheck
	@unformatted=$$(gofmt -l cmd internal data); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed on: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GOBIN)/staticcheck ./...
	$(GO) test -count=1 ./...
	$(MAKE) --no-print-directory fuzz-short
	$(GO) build -o $(BIN)/hindsight ./cmd/hindsight
	$(GO) build -o $(BIN)/hindsightctl ./cmd/hindsightctl

unit:
	$(GO) test ./...

# Each fuzz target runs on its own: go test -fuzz takes one at a time.
FUZZ_TARGETS := ./internal/when:FuzzParse ./internal/when:FuzzParseDeadline

fuzz-short:
	@for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; name=$${t##*:}; \
	  echo "fuzz $$name ($(FUZZTIME))"; \
	  $(GO) test -run='^$$' -fuzz="^$$name\$$" -fuzztime=$(FUZZTIME) $$pkg || exit 1; \
	done

fuzz:
	$(MAKE) fuzz-short FUZZTIME=5m

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./...

clean:
	rm -rf $(BIN)
