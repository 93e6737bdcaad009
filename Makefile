# Two commands matter: `make run` and `make test`. Both set up PostgreSQL themselves.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
GO ?= go
LOCAL := .run
PGPORT ?= auto
BIN := $(LOCAL)/wegweiser

.PHONY: run test build bench vet clean db-stop corpus cldr placenames fuzz screenshots

build:
	@mkdir -p $(LOCAL)
	$(GO) build -o $(BIN) ./cmd/wegweiser

# Starts the bot: Telegram when TELEGRAM_BOT_TOKEN is set, otherwise a chat in this terminal
# (`make run ARGS="--lang ar"` picks its language). Without DATABASE_URL, a local PostgreSQL
# keeps its data in .run/pgdata between runs; without WEGWEISER_SECRET, a random one is kept
# in .run/secret. The staff console is served at WEB_URL (http://127.0.0.1:$(WEB_PORT)/staff/):
# with the terminal chat, a sign-in link for a local administrator is printed first.
WEB_PORT ?= 8080
export WEB_URL ?= http://127.0.0.1:$(WEB_PORT)/staff/
run: build
	@if [ -z "$${DATABASE_URL:-}" ]; then \
	  url=$$(.ci/pg start $(LOCAL)/pgdata $(PGPORT)) || exit 1; \
	  export DATABASE_URL=$$url; \
	  echo "PostgreSQL runs in $(LOCAL)/pgdata (it keeps running after the bot stops): \`make db-stop\` stops it." >&2; \
	fi; \
	if [ -z "$${WEGWEISER_SECRET:-}" ]; then \
	  [ -s $(LOCAL)/secret ] || head -c 32 /dev/urandom | base64 > $(LOCAL)/secret; \
	  export WEGWEISER_SECRET=$$(cat $(LOCAL)/secret); \
	fi; \
	if [ -n "$${TELEGRAM_BOT_TOKEN:-}" ]; then \
	  echo "Staff console: $$WEB_URL (staff send /web to the bot for a sign-in link; or run $(BIN) web-link --admin with this DATABASE_URL and WEGWEISER_SECRET)"; \
	  echo "Ctrl-C stops the bot." >&2; \
	  LISTEN_ADDR=$${LISTEN_ADDR:-:$(WEB_PORT)} exec $(BIN) serve; \
	fi; \
	$(BIN) web-link --admin; \
	echo "Ctrl-D (or Ctrl-C) ends the chat and the console." >&2; \
	exec $(BIN) console --web $(ARGS)

# Runs every test against a throwaway PostgreSQL cluster that is removed afterwards; the
# browser tests drive headless Chromium (Debian's chromium, installed by .ci/chromium). Every
# test runs with the race detector but the corpus tests (CORPUS_TESTS: thousands of messages
# read in one goroutine each, nothing to race, and ten times slower under the detector), which
# run after, without it.
CORPUS_TESTS = ^(TestPhraseCorpus|TestSlipsInCorpus|TestDangerCorpus|TestDangerPhrasesWork|TestIndexFindsWhatTryingFinds|TestGuessOnTheCorpus|TestAgeCorpus|TestPlaceCorpus|TestPlacesNotReadInNeeds)$$
test:
	@.ci/pg install
	@.ci/chromium install
	@dir=$$(mktemp -d /tmp/wegweiser-test-pg.XXXXXX); \
	trap '.ci/pg stop '"$$dir"'; rm -rf '"$$dir" EXIT; \
	url=$$(PG_FSYNC=off .ci/pg start $$dir auto); \
	$(GO) vet ./... && \
	WEGWEISER_TEST_DATABASE_URL=$$url $(GO) test -race -count=1 -skip '$(CORPUS_TESTS)' ./... && \
	$(GO) test -count=1 -run '$(CORPUS_TESTS)' ./internal/recognize/ ./internal/i18n/ ./internal/conversation/ ./internal/postcode/

# Benchmarks (not part of `make test`), against a throwaway PostgreSQL with fsync on: the load
# benchmark (closed-loop users against the real update handling and an echo bot over a Bot API
# on loopback, plus one chat flooded with 429s), the matching query over 2,000 offices, and the
# statistics query over one million events; see .ci/bench. About three minutes.
bench:
	@GO=$(GO) .ci/bench
	@$(MAKE) --no-print-directory corpus

# Every fuzz target, as package:Target. Their seed corpora (testdata/fuzz/<Target>/) run with
# every `go test`, so `make test` checks them; `make fuzz` explores each for FUZZTIME more.
FUZZ_TARGETS := \
  ./internal/csvsafe:FuzzEscape \
  ./internal/directory:FuzzReadCSV \
  ./internal/directory:FuzzOpeningHours \
  ./internal/directory:FuzzParsePostcode \
  ./internal/directory:FuzzParsePhone \
  ./internal/conversation:FuzzButtonData \
  ./internal/conversation:FuzzTypedAge \
  ./internal/conversation:FuzzTypedPlace \
  ./internal/staff:FuzzStaffButton \
  ./internal/staff:FuzzTypedField \
  ./internal/telegram:FuzzDecodeUpdate
FUZZTIME ?= 20s

# Runs each fuzz target for FUZZTIME (20 s). A failing input is written to the target's
# testdata/fuzz folder: fix the cause, and keep the input there as a seed.
fuzz:
	@for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; name=$${t##*:}; echo "== $$name ($$pkg)"; \
	  $(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	done

# Runs the browser test and saves its screenshots of the staff console into docs/.
screenshots:
	@.ci/pg install
	@.ci/chromium install
	@dir=$$(mktemp -d /tmp/wegweiser-test-pg.XXXXXX); \
	trap '.ci/pg stop '"$$dir"'; rm -rf '"$$dir" EXIT; \
	url=$$(PG_FSYNC=off .ci/pg start $$dir auto); \
	WEGWEISER_TEST_DATABASE_URL=$$url WEGWEISER_SCREENSHOTS=$(CURDIR)/docs $(GO) test -count=1 -run '^TestInTheBrowser$$' ./internal/web/

# How many typed messages of the phrase corpus are recognised, and how many typed ages read
# right, per language.
corpus:
	@$(GO) test -count=1 -v -run '^TestPhraseCorpus$$' ./internal/recognize/ | grep -v ' miss ' | grep -A20 'per language'
	@$(GO) test -count=1 -v -run '^TestAgeCorpus$$' ./internal/conversation/ | grep -v ' miss ' | grep -A20 'per language'
	@$(GO) test -count=1 -v -run '^TestPlaceCorpus$$' ./internal/conversation/ | grep -v ' miss ' | grep -A20 'per language'

vet:
	$(GO) vet ./...

db-stop:
	.ci/pg stop $(LOCAL)/pgdata

clean: db-stop
	rm -rf $(LOCAL)

# Regenerates internal/postcode/othernames.tsv (other names of German places, from GeoNames,
# CC BY 3.0) from the pinned npm package cities15000-json: installs it into .run/placenames
# and runs cmd/placenamegen on it.
PLACENAMES_NPM := 1.0.0
placenames:
	npm install --prefix $(LOCAL)/placenames --save-exact --no-audit --no-fund cities15000-json@$(PLACENAMES_NPM)
	$(GO) run ./cmd/placenamegen -npm $(LOCAL)/placenames/node_modules

# Regenerates internal/cldr/tables.go from Unicode CLDR's own JSON: installs the pinned npm
# packages into .run/cldr and runs cmd/cldrgen on them. Bump CLDR_NPM for a new CLDR release.
CLDR_NPM := 48.2.0
cldr:
	npm install --prefix $(LOCAL)/cldr --save-exact --no-audit --no-fund \
	  cldr-core@$(CLDR_NPM) cldr-dates-full@$(CLDR_NPM) cldr-localenames-full@$(CLDR_NPM) cldr-misc-full@$(CLDR_NPM) cldr-numbers-full@$(CLDR_NPM)
	$(GO) run ./cmd/cldrgen -npm $(LOCAL)/cldr/node_modules
