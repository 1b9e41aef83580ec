# The two commands of the README: `make demo` and `make test`. Both install what is missing first.
BUILD    ?= build
JOBS     ?= $(shell nproc)
FUZZ_RUNS ?= 1000000

.PHONY: all bootstrap build demo test fuzz bench clean

all: build

bootstrap:
	@scripts/bootstrap

$(BUILD)/build.ninja: | bootstrap
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release

build: bootstrap $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# The fuzz target needs clang's libFuzzer, so it lives in its own build tree.
$(BUILD)-fuzz/build.ninja: | bootstrap
	CC=clang CXX=clang++ cmake -S . -B $(BUILD)-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSLUICE_FUZZ=ON

fuzz: bootstrap $(BUILD)-fuzz/build.ninja
	cmake --build $(BUILD)-fuzz -j $(JOBS) --target fuzz_targets
	scripts/run-fuzz $(BUILD)-fuzz $(FUZZ_RUNS)

# The fuzz run goes first so that CTest's summary is the last thing printed.
test: build
	$(MAKE) --no-print-directory fuzz
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

demo: build
	scripts/demo $(BUILD)

bench: build
	scripts/bench-ingest $(BUILD)

clean:
	rm -rf $(BUILD) $(BUILD)-fuzz
