#!/usr/bin/env python3
"""Writes Tests/BackpropTests/Fixtures/torch_random_networks.json: seeded random networks with
PyTorch autograd's loss, parameter gradients and input gradient, in float64.

Each network has 2 to 5 Linear layers (widths 1 to 32), hidden activations drawn from
Sigmoid/Tanh/ReLU, and one of the library's losses, each mapped to its PyTorch counterpart:

  mse                    MSELoss() (mean)                       MeanSquaredError(.plain)
  half_mse               0.5 * MSELoss()                        MeanSquaredError(.half)
  bce                    BCELoss() after a Sigmoid              BinaryCrossEntropy()
  cross_entropy          -(t * log(softmax)).sum(1).mean()      CrossEntropy() after Softmax()
  softmax_cross_entropy  CrossEntropyLoss() on logits, with     SoftmaxCrossEntropy()
                         class indices (one-hot targets) or probability targets

Weights are (out, in) as in torch.nn.Linear; biases are 1-D. Sizes are redrawn until a
network's numbers fit a budget, so that the whole file stays under ~1.5 MB, but the first
networks force the extremes (width 32, batch 64, batch 1, width 1).

Needs torch (CPU build: pip install "torch==2.13.0+cpu"). Run from the repository root:
    python3 tools/torch_reference.py
"""
import json
import pathlib
import random

import torch

SEED = 7
COUNT = 40
LOSSES = ["mse", "half_mse", "bce", "cross_entropy", "softmax_cross_entropy"]
HIDDEN = ["Sigmoid", "Tanh", "ReLU"]
BUDGET = 2400  # numbers per network (parameters and gradients, inputs, targets, input gradient)


def numbers(widths, batch):
    parameters = sum(o * i + o for i, o in zip(widths[:-1], widths[1:]))
    return 2 * parameters + 2 * batch * widths[0] + batch * widths[-1]


def draw_sizes(rng, index, loss):
    minimum_out = 2 if loss in ("cross_entropy", "softmax_cross_entropy") else 1
    while True:
        layers = rng.randint(2, 5)
        widths = [rng.randint(1, 32) for _ in range(layers + 1)]
        widths[-1] = max(widths[-1], minimum_out)
        batch = rng.choice([rng.randint(1, 8), rng.randint(1, 64)])
        # Force the extremes into the first networks, whatever the budget prefers.
        if index == 0:
            widths, batch = [32, 1, 32, 4], 1
        elif index == 1:
            widths, batch = [1, 3, 1], 64
        elif index == 2:
            widths, batch = [3, 32, 2], 9
        if index < 3 or numbers(widths, batch) <= BUDGET:
            return widths, batch


def build(rng, index):
    loss = LOSSES[index % len(LOSSES)]
    widths, batch = draw_sizes(rng, index, loss)
    torch.manual_seed(SEED * 1000 + index)
    modules, layers = [], []
    for position, (fan_in, fan_out) in enumerate(zip(widths[:-1], widths[1:])):
        linear = torch.nn.Linear(fan_in, fan_out, dtype=torch.float64)
        with torch.no_grad():
            linear.bias.uniform_(-0.5, 0.5)  # non-zero biases, so their gradients matter
        modules.append(linear)
        layers.append({"type": "Linear", "in": fan_in, "out": fan_out})
        last = position == len(widths) - 2
        if not last:
            activation = rng.choice(HIDDEN)
        elif loss == "bce":
            activation = "Sigmoid"
        elif loss == "cross_entropy":
            activation = "Softmax"
        elif loss == "softmax_cross_entropy":
            activation = None
        else:
            choices = ["none", "Sigmoid", "Tanh", "ReLU"] + (["Softmax"] if fan_out > 1 else [])
            activation = rng.choice(choices)
            activation = None if activation == "none" else activation
        if activation == "Softmax":
            modules.append(torch.nn.Softmax(dim=1))
        elif activation is not None:
            modules.append(getattr(torch.nn, activation)())
        if activation is not None:
            layers.append({"type": activation})
    model = torch.nn.Sequential(*modules)

    x = (torch.rand(batch, widths[0], dtype=torch.float64) * 4 - 2).requires_grad_(True)
    classes = widths[-1]
    target_kind = "values"
    if loss in ("mse", "half_mse"):
        target = torch.rand(batch, classes, dtype=torch.float64) * 2 - 1
    elif loss == "bce":
        target = torch.rand(batch, classes, dtype=torch.float64)
        target_kind = "probabilities"
    else:
        target_kind = rng.choice(["one_hot", "probabilities"])
        if target_kind == "one_hot":
            labels = torch.randint(0, classes, (batch,))
            target = torch.nn.functional.one_hot(labels, classes).to(torch.float64)
        else:
            target = torch.softmax(torch.randn(batch, classes, dtype=torch.float64), dim=1)

    prediction = model(x)
    if loss == "mse":
        value = torch.nn.MSELoss()(prediction, target)
    elif loss == "half_mse":
        value = 0.5 * torch.nn.MSELoss()(prediction, target)
    elif loss == "bce":
        value = torch.nn.BCELoss()(prediction, target)
    elif loss == "cross_entropy":
        value = -(target * torch.log(prediction)).sum(dim=1).mean()
    elif target_kind == "one_hot":
        value = torch.nn.CrossEntropyLoss()(prediction, labels)
    else:
        value = torch.nn.CrossEntropyLoss()(prediction, target)
    value.backward()

    return {
        "name": f"net{index:02d}",
        "layers": layers,
        "loss": loss,
        "target_kind": target_kind,
        "parameters": [
            {"name": name, "value": p.detach().tolist(), "gradient": p.grad.tolist()}
            for name, p in model.named_parameters()
        ],
        "input": x.detach().tolist(),
        "target": target.tolist(),
        "loss_value": value.item(),
        "input_gradient": x.grad.tolist(),
    }


def main() -> None:
    rng = random.Random(SEED)
    networks = [build(rng, index) for index in range(COUNT)]
    fixture = {
        "description": "random float64 networks with PyTorch autograd gradients; weights (out, in), biases 1-D",
        "torch_version": torch.__version__,
        "seed": SEED,
        "networks": networks,
    }
    out = pathlib.Path(__file__).resolve().parent.parent / "Tests/BackpropTests/Fixtures/torch_random_networks.json"
    out.write_text(json.dumps(fixture, separators=(",", ":")) + "\n")
    print(f"wrote {out}: {len(networks)} networks, {out.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
