# Two commands matter: `make run` and `make test`. Both set up PostgreSQL themselves.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
GO ?= go
LOCAL := .run
PGPORT ?= auto
BIN := $(LOCAL)/wegweiser

.PHONY: run test build bench vet clean db-stop corpus cldr screenshots

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
	fi; \
	if [ -z "$${WEGWEISER_SECRET:-}" ]; then \
	  [ -s $(LOCAL)/secret ] || head -c 32 /dev/urandom | base64 > $(LOCAL)/secret; \
	  export WEGWEISER_SECRET=$$(cat $(LOCAL)/secret); \
	fi; \
	if [ -n "$${TELEGRAM_BOT_TOKEN:-}" ]; then \
	  echo "Staff console: $$WEB_URL (staff send /web to the bot for a sign-in link; or run: DATABASE_URL=$$DATABASE_URL $(BIN) web-link --admin)"; \
	  LISTEN_ADDR=$${LISTEN_ADDR:-:$(WEB_PORT)} exec $(BIN) serve; \
	fi; \
	$(BIN) web-link --admin; \
	exec $(BIN) console --web $(ARGS)

# Runs every test against a throwaway PostgreSQL cluster that is removed afterwards; the
# browser tests drive headless Chromium (Debian's chromium, installed by .ci/chromium).
test:
	@.ci/pg install
	@.ci/chromium install
	@dir=$$(mktemp -d /tmp/wegweiser-test-pg.XXXXXX); \
	trap '.ci/pg stop '"$$dir"'; rm -rf '"$$dir" EXIT; \
	url=$$(PG_FSYNC=off .ci/pg start $$dir auto); \
	$(GO) vet ./...; \
	WEGWEISER_TEST_DATABASE_URL=$$url $(GO) test -race -count=1 ./...

# Benchmarks (not part of `make test`), against a throwaway PostgreSQL with fsync on: the load
# benchmark (real update handling against a Bot API on loopback, with an echo baseline), the
# matching query over 2,000 offices, and the statistics query over one million events.
bench:
	@.ci/pg install
	@dir=$$(mktemp -d /tmp/wegweiser-bench-pg.XXXXXX); \
	trap '.ci/pg stop '"$$dir"'; rm -rf '"$$dir" EXIT; \
	url=$$(.ci/pg start $$dir auto); \
	export WEGWEISER_TEST_DATABASE_URL=$$url; \
	$(GO) test -run '^$$' -bench 'Load' -benchtime 1x ./internal/telegram/; \
	$(GO) test -run '^$$' -bench 'Match' ./internal/telegram/; \
	$(GO) test -run '^$$' -bench . -benchtime 5x ./internal/store/
	$(GO) test -run '^$$' -bench 'Dashboard' -benchtime 5x ./internal/web/
	@$(MAKE) --no-print-directory corpus

# Runs the browser test and saves its screenshots of the staff console into docs/.
screenshots:
	@.ci/pg install
	@.ci/chromium install
	@dir=$$(mktemp -d /tmp/wegweiser-test-pg.XXXXXX); \
	trap '.ci/pg stop '"$$dir"'; rm -rf '"$$dir" EXIT; \
	url=$$(PG_FSYNC=off .ci/pg start $$dir auto); \
	WEGWEISER_TEST_DATABASE_URL=$$url WEGWEISER_SCREENSHOTS=$(CURDIR)/docs $(GO) test -count=1 -run '^TestInTheBrowser$$' ./internal/web/

# How many typed messages of the phrase corpus are recognised, per language.
corpus:
	@$(GO) test -count=1 -v -run '^TestPhraseCorpus$$' ./internal/recognize/ | grep -v ' miss ' | grep -A20 'per language'

vet:
	$(GO) vet ./...

db-stop:
	.ci/pg stop $(LOCAL)/pgdata

clean: db-stop
	rm -rf $(LOCAL)

# Regenerates internal/cldr/tables.go from Unicode CLDR's own JSON: installs the pinned npm
# packages into .run/cldr and runs cmd/cldrgen on them. Bump CLDR_NPM for a new CLDR release.
CLDR_NPM := 48.2.0
cldr:
	npm install --prefix $(LOCAL)/cldr --save-exact --no-audit --no-fund \
	  cldr-core@$(CLDR_NPM) cldr-localenames-full@$(CLDR_NPM) cldr-misc-full@$(CLDR_NPM) cldr-numbers-full@$(CLDR_NPM)
	$(GO) run ./cmd/cldrgen -npm $(LOCAL)/cldr/node_modules
