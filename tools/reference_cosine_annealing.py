#!/usr/bin/env python3
"""Writes Tests/BackpropTests/Fixtures/cosine_annealing.json: the learning rates that
torch.optim.lr_scheduler.CosineAnnealingLR gives an optimiser, step by step, for two
settings (eta_min 0 and eta_min > 0), from t = 0 to t = T_max.

PyTorch computes them recursively from the previous rate; the Swift test compares
CosineAnnealing's closed form with them to 1e-12 relative.

Needs torch (CPU build: pip install "torch==2.13.0+cpu"). Run from the repository root:
    python3 tools/reference_cosine_annealing.py
"""
import json
import pathlib

import torch

SETTINGS = [
    {"lr": 1e-3, "eta_min": 0.0, "t_max": 20},
    {"lr": 0.05, "eta_min": 1e-4, "t_max": 7},
]


def rates(lr: float, eta_min: float, t_max: int) -> list[float]:
    parameter = torch.nn.Parameter(torch.zeros(1, dtype=torch.float64))
    optimizer = torch.optim.SGD([parameter], lr=lr)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=t_max, eta_min=eta_min)
    values = [optimizer.param_groups[0]["lr"]]
    for _ in range(t_max):
        optimizer.step()
        scheduler.step()
        values.append(optimizer.param_groups[0]["lr"])
    return values


def main() -> None:
    fixture = {
        "description": "CosineAnnealingLR: learning_rates[t] is the rate after t scheduler steps, t = 0 ... T_max",
        "torch_version": torch.__version__,
        "settings": [{**s, "learning_rates": rates(s["lr"], s["eta_min"], s["t_max"])} for s in SETTINGS],
    }
    out = pathlib.Path(__file__).resolve().parent.parent / "Tests/BackpropTests/Fixtures/cosine_annealing.json"
    out.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
