# TAGS is the one place build tags live: every build, test, vet and CI command uses it,
# so the go-sqlite3 cgo build stays cached and no binary is built without FTS5.
TAGS = sqlite_fts5
GO ?= go

.PHONY: build test unit race vet bench fuzz demo

build:
	$(GO) build -tags '$(TAGS)' -o onecard .

# test is the README's test command: it installs and starts what the tests need
# (tmux, a throwaway PostgreSQL, poppler, a CJK font), runs every test, the race
# detector and the terminal end-to-end run, and stops what it started.
test:
	TAGS='$(TAGS)' GO='$(GO)' ./scripts/test.sh

unit:
	$(GO) test -tags '$(TAGS)' ./...

race:
	$(GO) test -race -tags '$(TAGS)' ./...

vet:
	$(GO) vet -tags '$(TAGS)' ./...

bench:
	$(GO) test -tags '$(TAGS)' -run '^$$' -bench . -benchmem ./...

# fuzz runs each fuzz target briefly; FUZZTIME=5m for a longer hunt.
FUZZTIME ?= 30s
fuzz:
	TAGS='$(TAGS)' GO='$(GO)' FUZZTIME='$(FUZZTIME)' ./scripts/fuzz.sh

demo: build
	./onecard demo
