# TAGS is the one place build tags live: every build, test, vet and CI command uses it,
# so the go-sqlite3 cgo build stays cached and no binary is built without FTS5.
TAGS = sqlite_fts5
GO ?= go

.PHONY: build test race vet bench fuzz demo

build:
	$(GO) build -tags '$(TAGS)' -o onecard .

test:
	$(GO) test -tags '$(TAGS)' ./...

race:
	$(GO) test -race -tags '$(TAGS)' ./...

vet:
	$(GO) vet -tags '$(TAGS)' ./...

bench:
	$(GO) test -tags '$(TAGS)' -run '^$$' -bench . -benchmem ./...

demo: build
	./onecard demo
