#!/usr/bin/env python3
"""Writes experiments/gradient-check/Resources/sine_gradients.json: PyTorch autograd's gradients of the
notebook-001 network (1-4-4-1, a sigmoid after every layer, loss 0.5 * mean((y_hat - y)^2)) on
x = [0.2, 1.2], y = sin^2(4*pi*x), in float64.

Weights are drawn as the notebook draws them (Xavier uniform with the sigmoid gain, biases
uniform in [0, 1)) from a fixed torch seed; the Swift test loads them and must reproduce the
loss and every gradient to 1e-12.

Needs torch (CPU build: pip install "torch==2.13.0+cpu"). Run from the repository root:
    python3 tools/reference_sine_gradients.py
"""
import json
import math
import pathlib

import torch

SEED = 2024
LAYERS = [1, 4, 4, 1]


def main() -> None:
    torch.manual_seed(SEED)
    gain = torch.nn.init.calculate_gain("sigmoid")
    modules = []
    for fan_in, fan_out in zip(LAYERS[:-1], LAYERS[1:]):
        linear = torch.nn.Linear(fan_in, fan_out, dtype=torch.float64)
        with torch.no_grad():
            torch.nn.init.xavier_uniform_(linear.weight, gain=gain)
            linear.bias.copy_(torch.rand(fan_out, dtype=torch.float64))
        modules += [linear, torch.nn.Sigmoid()]
    model = torch.nn.Sequential(*modules)

    x = torch.tensor([[0.2], [1.2]], dtype=torch.float64)
    y = torch.sin(4 * math.pi * x) ** 2
    prediction = model(x)
    loss = 0.5 * torch.mean((prediction - y) ** 2)
    loss.backward()

    linears = [m for m in model if isinstance(m, torch.nn.Linear)]
    fixture = {
        "description": "1-4-4-1 sigmoid network of notebook 001; weights are (out, in) as in torch.nn.Linear",
        "torch_version": torch.__version__,
        "seed": SEED,
        "x": x.tolist(),
        "y": y.tolist(),
        "prediction": prediction.tolist(),
        "loss": loss.item(),
        "layers": [
            {
                "weight": layer.weight.detach().tolist(),
                "bias": [layer.bias.detach().tolist()],
                "weight_grad": layer.weight.grad.tolist(),
                "bias_grad": [layer.bias.grad.tolist()],
            }
            for layer in linears
        ],
    }
    out = pathlib.Path(__file__).resolve().parent.parent / "experiments/gradient-check/Resources/sine_gradients.json"
    out.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {out} (loss {loss.item():.17g})")


if __name__ == "__main__":
    main()
