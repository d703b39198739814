# Quarry: the two commands of the README, plus benchmarks.
#   make run    install missing Debian packages, build (release), run pipelines/quickstart.yaml, print its stats
#   make test   install missing Debian packages, run the test suite
#   make bench  throughput benchmarks side by side with the peers (see Benchmarks/README.md)

SWIFT ?= swift
DEBIAN_PACKAGES := pkg-config zstd libzstd-dev zlib1g-dev libbz2-dev libxml2-dev libsqlite3-dev libicu-dev libopencc-dev
BENCH_PACKAGES := python3-venv

.PHONY: run test bench deps bench-deps build clean

run: deps
	$(SWIFT) build -c release --product quarry
	.build/release/quarry run pipelines/quickstart.yaml --fresh
	.build/release/quarry stats out/quickstart

test: deps
	$(SWIFT) test

bench: deps bench-deps
	scripts/bench/run-all.sh

build: deps
	$(SWIFT) build -c release

deps:
	@scripts/install-debian-packages.sh $(DEBIAN_PACKAGES)

bench-deps:
	@scripts/install-debian-packages.sh $(BENCH_PACKAGES)

clean:
	rm -rf .build out .bench
