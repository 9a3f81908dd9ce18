#!/usr/bin/env python3
"""Writes Tests/BackpropTests/Fixtures/learning_rate_schedules.json: the learning rate that
torch.optim.lr_scheduler gives each update, for the schedules LearningRateSchedule mirrors,
and 60 steps of torch.optim.Adam under CosineAnnealingLR on a small network.

Every scheduler is stepped once after each optimizer.step(), as PyTorch's documentation does,
so entry t is the rate update t (0-based) was taken with. Float64 throughout.

Needs torch (CPU build: pip install "torch==2.13.0+cpu"). Run from the repository root:
    python3 tools/reference_schedules.py
"""
import json
import pathlib

import torch

BASE_LR = 0.2


def rates(make_scheduler, steps):
    """The learning rate of each of `steps` updates of a one-parameter SGD optimiser."""
    parameter = torch.nn.Parameter(torch.zeros(1, dtype=torch.float64))
    optimizer = torch.optim.SGD([parameter], lr=BASE_LR)
    scheduler = make_scheduler(optimizer)
    result = []
    for _ in range(steps):
        result.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return result


def warm_up_cosine(warm_up, steps, minimum):
    """LinearLR from 1/w to 1 over the first w updates, then the cosine down to minimum·η₀."""
    def make(optimizer):
        linear = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=1 / warm_up, end_factor=1,
                                                   total_iters=warm_up - 1)
        cosine = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=steps - warm_up,
                                                            eta_min=minimum * BASE_LR)
        return torch.optim.lr_scheduler.SequentialLR(optimizer, [linear, cosine], milestones=[warm_up])
    return make


def adam_under_cosine(steps=60, lr=0.05):
    """Adam with CosineAnnealingLR(T_max=steps) on a 2-3-1 Tanh/Sigmoid network, ½·MSE."""
    torch.manual_seed(11)
    model = torch.nn.Sequential(torch.nn.Linear(2, 3, dtype=torch.float64), torch.nn.Tanh(),
                                torch.nn.Linear(3, 1, dtype=torch.float64), torch.nn.Sigmoid())
    initial = [p.detach().tolist() if p.dim() == 2 else [p.detach().tolist()] for p in model.parameters()]
    x = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.5, -0.3]], dtype=torch.float64)
    y = torch.tensor([[0.0], [1.0], [1.0], [0.0], [0.7]], dtype=torch.float64)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=steps)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = 0.5 * torch.mean((model(x) - y) ** 2)
        loss.backward()
        optimizer.step()
        scheduler.step()
        losses.append(loss.item())
    final = [p.detach().tolist() if p.dim() == 2 else [p.detach().tolist()] for p in model.parameters()]
    return {"lr": lr, "steps": steps, "x": x.tolist(), "y": y.tolist(), "initial_parameters": initial,
            "losses": losses, "final_parameters": final}


def main() -> None:
    lr_scheduler = torch.optim.lr_scheduler
    fixture = {
        "description": "learning rate of each update (0-based) under torch.optim.lr_scheduler, stepped after "
                       "every optimizer.step(); base lr " + str(BASE_LR),
        "torch_version": torch.__version__,
        "base_lr": BASE_LR,
        "step_decay": {"every": 3, "factor": 0.5,
                       "rates": rates(lambda o: lr_scheduler.StepLR(o, step_size=3, gamma=0.5), 12)},
        "exponential": {"factor": 0.9, "rates": rates(lambda o: lr_scheduler.ExponentialLR(o, gamma=0.9), 12)},
        # t = 0 … T: PyTorch's cosine climbs again after T_max; ours holds the minimum, tested separately.
        "cosine": {"steps": 10, "minimum": 0.1,
                   "rates": rates(lambda o: lr_scheduler.CosineAnnealingLR(o, T_max=10, eta_min=0.1 * BASE_LR), 11)},
        "warm_up_cosine": {"warm_up": 4, "steps": 14, "minimum": 0.05,
                           "rates": rates(warm_up_cosine(4, 14, 0.05), 15)},
        "adam_cosine": adam_under_cosine(),
    }
    out = pathlib.Path(__file__).resolve().parent.parent / "Tests/BackpropTests/Fixtures/learning_rate_schedules.json"
    out.write_text(json.dumps(fixture) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
