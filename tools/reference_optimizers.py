#!/usr/bin/env python3
"""Writes Tests/BackpropTests/Fixtures/optimizer_trajectories.json: 100 steps of torch.optim.Adam
(defaults: betas 0.9/0.999, eps 1e-8) and of torch.optim.SGD with momentum 0.9, from the same
initial weights, on a 2-3-1 network (Linear, Tanh, Linear, Sigmoid) with loss
0.5 * mean((y_hat - y)^2) over a fixed batch of 5 samples, all in float64.

For every step it records the loss before the update and, at a few checkpoints, every
parameter after the update. The Swift tests replay the same steps and must agree to 1e-10.

Needs torch (CPU build: pip install "torch==2.13.0+cpu"). Run from the repository root:
    python3 tools/reference_optimizers.py
"""
import json
import pathlib

import torch

SEED = 7
STEPS = 100
CHECKPOINTS = [1, 2, 10, 50, 100]


def make_model() -> torch.nn.Sequential:
    torch.manual_seed(SEED)
    return torch.nn.Sequential(
        torch.nn.Linear(2, 3, dtype=torch.float64),
        torch.nn.Tanh(),
        torch.nn.Linear(3, 1, dtype=torch.float64),
        torch.nn.Sigmoid(),
    )


def trajectory(model, optimizer, x, y):
    losses, checkpoints = [], {}
    for step in range(1, STEPS + 1):
        optimizer.zero_grad()
        loss = 0.5 * torch.mean((model(x) - y) ** 2)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        if step in CHECKPOINTS:
            checkpoints[str(step)] = [p.detach().reshape(p.shape[0], -1).tolist() if p.dim() == 2
                                      else [p.detach().tolist()] for p in model.parameters()]
    return {"losses": losses, "parameters_after_step": checkpoints}


def main() -> None:
    x = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.5, -0.3]], dtype=torch.float64)
    y = torch.tensor([[0.0], [1.0], [1.0], [0.0], [0.7]], dtype=torch.float64)

    model = make_model()
    initial = [p.detach().tolist() if p.dim() == 2 else [p.detach().tolist()] for p in model.parameters()]
    adam = trajectory(model, torch.optim.Adam(model.parameters(), lr=0.05), x, y)
    model = make_model()
    sgd = trajectory(model, torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.9), x, y)

    fixture = {
        "description": "2-3-1 Tanh/Sigmoid network, loss 0.5*mean((y_hat-y)^2); parameters in torch order "
                       "(0.weight (out,in), 0.bias as 1 x out, 2.weight, 2.bias)",
        "torch_version": torch.__version__,
        "x": x.tolist(), "y": y.tolist(),
        "initial_parameters": initial,
        "adam": {"lr": 0.05, "betas": [0.9, 0.999], "eps": 1e-8, **adam},
        "sgd_momentum": {"lr": 0.5, "momentum": 0.9, **sgd},
    }
    out = pathlib.Path(__file__).resolve().parent.parent / "Tests/BackpropTests/Fixtures/optimizer_trajectories.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(fixture) + "\n")
    print(f"wrote {out}: Adam loss {adam['losses'][0]:.6f} -> {adam['losses'][-1]:.6f}, "
          f"SGD+momentum {sgd['losses'][0]:.6f} -> {sgd['losses'][-1]:.6f}")


if __name__ == "__main__":
    main()
