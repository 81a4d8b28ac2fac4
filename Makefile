# meshlint — build, test, lint, benchmark, fuzz.
# Everything the targets need is installed by the targets themselves.

GO          ?= go
BIN         := $(CURDIR)/bin
STATICCHECK := $(BIN)/staticcheck
STATICCHECK_VERSION := v0.8.2
FUZZTIME    ?= 30s
FUZZFLAGS   ?=
BENCHCOUNT  ?= 6
BENCHRUNS   ?= 5
# kustomize links Go's plugin package unless told not to, which keeps every
# exported symbol: 77 MB instead of 53 MB. meshlint never loads plugins.
BUILDTAGS   ?= kustomize_disable_go_plugin_support

.PHONY: all build test unit lint fmt-check vet staticcheck bench bench-go bench-data fuzz docs clean

all: build

# Static (no cgo): the dynamic loader and libc's thread start cost about a
# tenth of a one-file run, and meshlint uses nothing cgo brings.
build:
	CGO_ENABLED=0 $(GO) build -tags $(BUILDTAGS) -o $(BIN)/meshlint ./cmd/meshlint

test: lint unit

# The race detector needs cgo; without a C compiler the tests run without it.
RACE := $(shell [ "$$($(GO) env CGO_ENABLED)" = "1" ] && echo -race)

unit:
	$(GO) test -count=1 $(RACE) ./...

lint: fmt-check vet staticcheck

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

$(STATICCHECK):
	GOBIN=$(BIN) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

staticcheck: $(STATICCHECK)
	$(STATICCHECK) ./...

# make bench times the binary end to end against the yaml.v3 parse floor
# (and istioctl when ISTIOCTL names it; MESHLINT_BENCH_LARGE=1 adds 100k
# resources); make bench-go runs the Go benchmarks per stage.
bench: build
	$(GO) build -o $(BIN)/meshbench ./internal/meshbench
	$(BIN)/meshbench run -bin $(BIN)/meshlint -runs $(BENCHRUNS)

bench-go:
	$(GO) test -run='^$$' -bench=. -benchmem -count=$(BENCHCOUNT) ./...

# A synthetic mesh of about N resources with MISTAKES % planted mistakes
# of each kind, the same bytes for the same N, SEED and MISTAKES.
N        ?= 10000
SEED     ?= 1
MISTAKES ?= 2
OUT      ?= bench-data
bench-data:
	$(GO) run ./internal/meshbench gen -n $(N) -seed $(SEED) -mistakes $(MISTAKES) -out $(OUT)

# Each fuzz target runs for FUZZTIME; Go allows one -fuzz target per run.
# FUZZFLAGS passes more, e.g. FUZZFLAGS=-parallel=1 to leave a core free.
# Seeds: the f.Add calls, every fixture, and each package's testdata/fuzz.
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$target"; \
	    $(GO) test -run='^$$' -fuzz="^$$target$$" -fuzztime=$(FUZZTIME) -timeout=0 $(FUZZFLAGS) $$pkg || exit 1; \
	  done; \
	done

# End-to-end suites with real tools (git, pre-commit, ...), which .ci/run
# installs: one line per suite. MESHLINT_INTEGRATION=1 turns the suites on
# (`go test ./...` skips them) and makes a missing tool a failure.
INTEGRATION += ./integration/precommit
INTEGRATION += ./integration/ci
INTEGRATION += ./integration/pictures

# Mermaid's CLI for the pictures suite, from npm without the browser that
# puppeteer would download: it drives Debian's chromium instead
# (integration/pictures/puppeteer.json). Installed once per version.
MMDC_VERSION := 12.2.0
MMDC := $(BIN)/mermaid-$(MMDC_VERSION)/node_modules/.bin/mmdc
$(MMDC):
	PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --no-audit --no-fund --prefix $(BIN)/mermaid-$(MMDC_VERSION) @mermaid-js/mermaid-cli@$(MMDC_VERSION)
integration: $(MMDC)
integration: export MESHLINT_MMDC = $(MMDC)

.PHONY: integration
integration:
	MESHLINT_INTEGRATION=1 $(GO) test -count=1 -timeout=30m $(INTEGRATION)

# Regenerate docs/rules from the rule metadata. Every page there is
# generated, so the old ones go first: a removed rule leaves no page behind.
docs: build
	rm -f docs/rules/*.md
	$(BIN)/meshlint rules --format markdown --output-dir docs/rules

clean:
	rm -rf $(BIN)

# The output formats' checks with real tools: the JUnit reports against
# Jenkins' schema (xmllint), docs/editors.md's matchers on real output (node,
# vim). Plain `go test` runs them when the tools are there and skips them
# otherwise; under make integration a missing tool fails them.
INTEGRATION += ./report ./cmd/meshlint
