# The user's vocabulary: make test, make report, make data, make bench.
SWIFT ?= swift
PYTHON ?= python3
RELEASE_BIN = .build/release
EXPERIMENTS = experiment-gradient-check experiment-and-gate experiment-sine-fit experiment-optimizers experiment-gradient-flow sweep-lr experiment-mnist

.PHONY: test test-release test-allocations report data bench deps build test-python check-torch clean

## test: install missing system packages (Chromium too, for the report's browser tests), build, run every test
test: deps
	@tools/install-deps.sh --browser
	$(PYTHON) -m unittest discover -s tools -p 'test_*.py'
	$(MAKE) test-release
	$(SWIFT) build --build-tests
	# The suite is XCTest only; without the flag Swift Testing adds a "0 tests" summary last.
	$(SWIFT) test --skip-build --disable-swift-testing

## test-release: what holds only in an optimised build: steady-state training allocates nothing,
## misuse stops with its message, and every bad input to the release executables ends with its
## message, not a signal
test-release:
	$(SWIFT) build -c release --build-tests -Xswiftc -enable-testing --scratch-path .build-release-tests
	$(SWIFT) test -c release --skip-build --disable-swift-testing --scratch-path .build-release-tests \
		--filter 'AllocationTests|MisuseMessageTests|BadInput'

test-allocations: test-release

## report: run every experiment (release build) and write outputs/index.html
report: deps data
	$(SWIFT) build -c release
	@for experiment in $(EXPERIMENTS); do \
		echo "== $$experiment"; \
		$(RELEASE_BIN)/$$experiment || exit 1; \
	done
	$(RELEASE_BIN)/report --outputs outputs

## data: fetch MNIST into data/mnist (checksummed); about 10 s
data:
	$(PYTHON) tools/fetch_mnist.py

## check-torch: PyTorch loads checkpoints written by us, with the README's lines too, and predicts what we predicted
## (needs torch, safetensors)
TORCH_CHECK_DIR = outputs/torch-check
check-torch: deps
	mkdir -p $(TORCH_CHECK_DIR)
	$(SWIFT) build --build-tests
	BACKPROP_TORCH_CHECK_DIR=$(abspath $(TORCH_CHECK_DIR)) $(SWIFT) test --skip-build --disable-swift-testing \
		--filter SafetensorsRoundTripTests.testWritesCheckpointsWithPredictionsForPyTorch
	$(SWIFT) run experiment-mnist --quick --output $(TORCH_CHECK_DIR)/mnist
	$(PYTHON) tools/check_torch_loads_ours.py $(TORCH_CHECK_DIR)/ours_f32.safetensors $(TORCH_CHECK_DIR)/ours_f64.safetensors \
		$(TORCH_CHECK_DIR)/ours_mnist_like.safetensors $(TORCH_CHECK_DIR)/mnist/model.safetensors

## bench: time our library against PyTorch and numpy (installs torch 2.13.0+cpu if missing)
bench: deps
	@$(PYTHON) -c "import numpy" 2>/dev/null || $(PYTHON) -m pip install numpy
	@$(PYTHON) -c "import torch" 2>/dev/null || $(PYTHON) -m pip install "torch==2.13.0+cpu"
	$(SWIFT) build -c release --product benchmark
	$(RELEASE_BIN)/benchmark $(BENCH_FLAGS)

deps:
	@tools/install-deps.sh

build: deps
	$(SWIFT) build -c release

test-python:
	$(PYTHON) -m unittest discover -s tools -p 'test_*.py'

clean:
	rm -rf .build outputs/*/
