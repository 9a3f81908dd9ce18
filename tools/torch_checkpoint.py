#!/usr/bin/env python3
"""Writes checkpoints with PyTorch's own safetensors writer, for the Swift loader to read:

  Tests/BackpropTests/Fixtures/torch_written_f32.safetensors  float32, with the architecture
      in __metadata__ (so Sequential<Float>.load(from:) rebuilds the network from it alone)
  Tests/BackpropTests/Fixtures/torch_written_f64.safetensors  float64, no metadata at all
      (loaded into an existing network with loadParameters(from:))
  Tests/BackpropTests/Fixtures/torch_written.json  every tensor's values, an input and
      PyTorch's forward output for each file

Python floats are doubles, so a float32 value written to JSON and read back as a Double is
exact: the Swift test can demand bit-identical parameters.

Needs torch and safetensors (pip install "torch==2.13.0+cpu" safetensors). From the repository root:
    python3 tools/torch_checkpoint.py
"""
import json
import pathlib

import torch
from safetensors.torch import save_file

SEED = 11
FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "Tests/BackpropTests/Fixtures"
ARCHITECTURE = [
    {"in": 5, "out": 7, "type": "Linear"}, {"type": "Tanh"},
    {"in": 7, "out": 4, "type": "Linear"}, {"type": "ReLU"},
    {"in": 4, "out": 3, "type": "Linear"}, {"type": "Softmax"},
]


def model(dtype):
    return torch.nn.Sequential(
        torch.nn.Linear(5, 7, dtype=dtype), torch.nn.Tanh(),
        torch.nn.Linear(7, 4, dtype=dtype), torch.nn.ReLU(),
        torch.nn.Linear(4, 3, dtype=dtype), torch.nn.Softmax(dim=1),
    )


def main() -> None:
    torch.manual_seed(SEED)
    reference = {"torch_version": torch.__version__, "files": {}}
    for name, dtype, metadata in [
        ("torch_written_f32.safetensors", torch.float32, {"architecture": json.dumps(ARCHITECTURE, separators=(",", ":"))}),
        ("torch_written_f64.safetensors", torch.float64, None),
    ]:
        network = model(dtype)
        x = torch.randn(4, 5, dtype=dtype)
        with torch.no_grad():
            y = network(x)
        state = {key: value.contiguous() for key, value in network.state_dict().items()}
        save_file(state, str(FIXTURES / name), metadata=metadata)
        reference["files"][name] = {
            "dtype": "F32" if dtype == torch.float32 else "F64",
            "tensors": {key: {"shape": list(value.shape), "values": value.flatten().tolist()} for key, value in state.items()},
            "input": x.tolist(),
            "output": y.tolist(),
        }
    (FIXTURES / "torch_written.json").write_text(json.dumps(reference, indent=1) + "\n")
    print(f"wrote {', '.join(reference['files'])} and torch_written.json to {FIXTURES}")


if __name__ == "__main__":
    main()
