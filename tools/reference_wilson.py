#!/usr/bin/env python3
"""Prints the 95 % Wilson score intervals that Tests/ExperimentTests/WilsonIntervalTests.swift
checks Distribution.wilsonInterval against, computed by SciPy (an implementation independent of
ours): scipy.stats.binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson").

Needs scipy (tested with 1.17.1). Run from the repository root:
    python3 tools/reference_wilson.py
"""
from scipy.stats import binomtest

CASES = [(11, 20), (0, 20), (20, 20), (2, 20), (165, 290), (1, 1), (18, 230)]

for successes, trials in CASES:
    interval = binomtest(successes, trials).proportion_ci(confidence_level=0.95, method="wilson")
    print(f"({successes}, {trials}, {float(interval.low)!r}, {float(interval.high)!r}),")
