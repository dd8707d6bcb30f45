# assay: two commands do everything on a fresh machine.
#   make run   install what is missing, build, analyse the bundled example
#   make test  install what is missing, build, run every test (release + sanitizers + fuzzers)
BUILD      ?= build
SAN_BUILD  ?= build-san
JOBS       ?= $(shell nproc)
EXAMPLE    ?= examples/malaysia-china-processing.txt

.PHONY: run test setup build build-san test-release test-san bench clean

setup:
	@bash scripts/setup.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DASSAY_WERROR=ON

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

$(SAN_BUILD)/build.ninja:
	CC=clang-16 CXX=clang++-16 cmake -S . -B $(SAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DASSAY_SANITIZE=ON -DASSAY_FUZZ=ON -DASSAY_WERROR=ON -DASSAY_BENCH=OFF

build-san: setup $(SAN_BUILD)/build.ninja
	cmake --build $(SAN_BUILD) -j $(JOBS)

run: build
	./$(BUILD)/assay $(if $(wildcard src/assay/cli/analyze_cmd.cc),analyze,extract) $(EXAMPLE)

test-release: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

test-san: build-san
	ctest --test-dir $(SAN_BUILD) --output-on-failure -j $(JOBS)

test: test-release test-san

bench: build
	./$(BUILD)/bench/assay_bench

clean:
	rm -rf $(BUILD) $(SAN_BUILD)
