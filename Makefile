# The one front door. Every recipe installs what it needs first (scripts/setup.sh, idempotent).
.PHONY: pkg demo test bench fuzz release

# Build the npm package into pkg/.
pkg:
	scripts/setup.sh
	scripts/build-pkg.sh

# Build, start the emulator serving the demo page and the package, print its URL.
demo:
	scripts/demo.sh

# Run every test (native, wasm in Node and Chromium, package in every runtime, demo end to end).
test:
	scripts/test.sh

# Run the benchmark: a table on stdout and bench/results/latest.json.
bench:
	scripts/bench.sh

# Check the package is ready to publish (version, changelog, tarball contents and size), then
# `npm publish --dry-run`. RELEASE=1 publishes for real.
release:
	RELEASE=$(RELEASE) scripts/release.sh

# Run every cargo-fuzz target (fuzz/, nightly libFuzzer) for FUZZ_SECONDS each (default 60),
# growing the corpora in fuzz/corpus/. Crash inputs land in fuzz/artifacts/.
FUZZ_SECONDS ?= 60
fuzz:
	fuzz/run.sh $(FUZZ_SECONDS)
