#!/usr/bin/env python3
"""Checks that PyTorch reads checkpoints written by swift-backprop and predicts what we predicted.

For each file given, twice:
1. the README's PyTorch lines, exactly as README.md shows them (only `path` set to the file):
   an nn.Sequential rebuilt from __metadata__["architecture"], load_state_dict(load_file(path));
2. the version that keeps the Swift module names: an nn.Sequential over an OrderedDict of the
   names in the architecture, the file's tensors ("0.weight", PyTorch's index names) renamed to
   them ("dense_1.weight"), load_state_dict(strict=True).
Each model runs __metadata__["example_input"], compared with __metadata__["example_output"], our
prediction (1e-12 in float64, 1e-5 in float32). The README's lines build float32 modules, PyTorch's
default, so a float64 file is checked there at float32's tolerance and in the file's dtype in 2.

The checkpoints come from the Swift test testWritesCheckpointsWithPredictionsForPyTorch, which
writes ours_f32.safetensors, ours_f64.safetensors and ours_mnist_like.safetensors (784 inputs,
every module named) into $BACKPROP_TORCH_CHECK_DIR; `make check-torch`
does both steps and adds the checkpoint a quick experiment-mnist run writes (MNIST when `make data`
fetched it, synthetic digits otherwise), which carries two test images and its prediction. Needs torch and safetensors:
    python3 tools/check_torch_loads_ours.py outputs/torch-check/ours_f64.safetensors ...
"""
import collections
import json
import pathlib
import re
import sys

import torch
from safetensors import safe_open
from safetensors.torch import load_file

TOLERANCE = {torch.float64: 1e-12, torch.float32: 1e-5}
README = pathlib.Path(__file__).resolve().parent.parent / "README.md"


def readme_lines():
    """The README's PyTorch snippet: the python block that calls load_state_dict."""
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    snippet = next(block for block in blocks if "load_state_dict" in block)
    assignment = re.compile(r'^path = ".*"$', re.M)
    if not assignment.search(snippet):
        raise SystemExit(f"{README}: the PyTorch snippet no longer sets `path = \"...\"` on a line of its own")
    return snippet, assignment


def model_from_readme(path):
    """Runs the README's lines with `path` set to this file and returns their `model`."""
    snippet, assignment = readme_lines()
    namespace = {}
    exec(assignment.sub(lambda _: f"path = {json.dumps(str(path))}", snippet), namespace)
    return namespace["model"]


def module(entry):
    kind = entry["type"]
    if kind == "Linear":
        return torch.nn.Linear(entry["in"], entry["out"])
    if kind == "Softmax":
        return torch.nn.Softmax(dim=1)  # row-wise over [batch x k], as ours
    return getattr(torch.nn, kind)()    # ReLU, Sigmoid, Tanh


def model_with_names(path, architecture, dtype):
    """nn.Sequential in the file's dtype with the Swift names; the index-named tensors renamed to match."""
    names = [entry.get("name", str(index)) for index, entry in enumerate(architecture)]
    model = torch.nn.Sequential(collections.OrderedDict((name, module(entry)) for name, entry in zip(names, architecture)))
    state = {}
    for key, tensor in load_file(path).items():
        index, parameter = key.split(".", 1)
        state[f"{names[int(index)]}.{parameter}"] = tensor
    model.to(dtype).load_state_dict(state, strict=True)
    return model


def compare(path, label, model, metadata):
    # The model's own dtype: the README's lines build PyTorch's default float32 modules, so
    # a float64 file is rounded to float32 on loading and compared with float32's tolerance.
    dtype = next(model.parameters()).dtype
    x = torch.tensor(json.loads(metadata["example_input"]), dtype=dtype)
    expected = torch.tensor(json.loads(metadata["example_output"]), dtype=torch.float64)
    with torch.no_grad():
        difference = (model(x).to(torch.float64) - expected).abs().max().item()
    passed = difference <= TOLERANCE[dtype]
    print(f"{path} ({label}): {dtype}, max |torch - ours| = {difference:.2e} "
          f"(bound {TOLERANCE[dtype]:.0e}) {'ok' if passed else 'FAILED'}")
    return passed


def check(path):
    with safe_open(path, "pt") as handle:
        metadata = handle.metadata()
    architecture = json.loads(metadata["architecture"])
    state = load_file(path)
    dtype = next(iter(state.values())).dtype
    names = [entry["name"] for entry in architecture if "name" in entry]
    checks = [("README's lines", lambda: model_from_readme(path)),
              (f"module names {', '.join(names)}" if names else "index names", lambda: model_with_names(path, architecture, dtype))]
    results = []
    for label, build in checks:
        try:
            results.append(compare(path, label, build(), metadata))
        except Exception as error:  # both must work on every file we write
            print(f"{path} ({label}): FAILED: {type(error).__name__}: {error}")
            results.append(False)
    return all(results)


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    results = [check(path) for path in sys.argv[1:]]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
