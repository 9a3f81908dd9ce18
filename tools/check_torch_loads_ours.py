#!/usr/bin/env python3
"""Checks that PyTorch reads checkpoints written by swift-backprop and predicts what we predicted.

For each file given: rebuilds the torch.nn.Sequential described by __metadata__["architecture"]
(module names included), loads the tensors with safetensors.torch.load_file and
load_state_dict(strict=True), runs __metadata__["example_input"] through it, and compares with
__metadata__["example_output"], our prediction (1e-12 in float64, 1e-5 in float32).

The checkpoints come from the Swift test testWritesCheckpointsWithPredictionsForPyTorch, which
writes ours_f32.safetensors and ours_f64.safetensors into $BACKPROP_TORCH_CHECK_DIR; `make
check-torch` does both steps. Needs torch and safetensors:
    python3 tools/check_torch_loads_ours.py outputs/torch-check/ours_f64.safetensors ...
"""
import collections
import json
import sys

import torch
from safetensors import safe_open
from safetensors.torch import load_file

TOLERANCE = {torch.float64: 1e-12, torch.float32: 1e-5}


def module(entry):
    kind = entry["type"]
    if kind == "Linear":
        return torch.nn.Linear(entry["in"], entry["out"])
    if kind == "Softmax":
        return torch.nn.Softmax(dim=1)  # row-wise over [batch x k], as ours
    return getattr(torch.nn, kind)()    # ReLU, Sigmoid, Tanh


def check(path):
    with safe_open(path, "pt") as handle:
        metadata = handle.metadata()
    architecture = json.loads(metadata["architecture"])
    model = torch.nn.Sequential(collections.OrderedDict(
        (entry.get("name", str(index)), module(entry)) for index, entry in enumerate(architecture)))
    state = load_file(path)
    dtype = next(iter(state.values())).dtype
    model = model.to(dtype)
    model.load_state_dict(state, strict=True)
    x = torch.tensor(json.loads(metadata["example_input"]), dtype=dtype)
    expected = torch.tensor(json.loads(metadata["example_output"]), dtype=torch.float64)
    with torch.no_grad():
        difference = (model(x).to(torch.float64) - expected).abs().max().item()
    passed = difference <= TOLERANCE[dtype]
    print(f"{path}: {len(state)} tensors, {dtype}, max |torch - ours| = {difference:.2e} "
          f"(bound {TOLERANCE[dtype]:.0e}) {'ok' if passed else 'FAILED'}")
    return passed


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    results = [check(path) for path in sys.argv[1:]]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
