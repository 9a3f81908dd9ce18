"""Shared by the two baselines: thread pinning, synthetic data, timing, JSON output.

Thread counts must be fixed before numpy or torch load their BLAS, so `pin_threads` runs
before either is imported. Times are medians over repetitions after warm-up runs.
"""
import argparse
import json
import os
import statistics
import sys
import time

# Every case both baselines know, with the unit its time is reported in.
CASES = {
    "mnist_f32": "epoch", "mnist_f64": "epoch",
    "mlp_f32": "epoch",
    "and_f64": "step", "sine_f64": "step",
    "matmul256_f32": "product", "matmul512_f32": "product", "matmul1024_f32": "product",
    "matmul256_f64": "product", "matmul512_f64": "product", "matmul1024_f64": "product",
}
SAMPLES = 50_000          # one epoch: MNIST's training split in notebook 004
AND_STEPS = 100_000       # what our side runs; Python times a slice of it (see --steps)
SINE_STEPS = 20_000


def parse(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated case names")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--samples", type=int, default=SAMPLES, help="samples per epoch")
    parser.add_argument("--steps", type=int, default=2_000,
                        help="steps timed per repetition for the tiny networks (time per step is reported)")
    parser.add_argument("--serve", action="store_true",
                        help="answer timing requests, one JSON line each on stdin, instead of timing --cases once")
    args = parser.parse_args()
    unknown = [c for c in args.cases.split(",") if c not in CASES]
    if unknown:
        parser.error(f"unknown cases {unknown}; known: {sorted(CASES)}")
    return args


def pin_threads(count):
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = str(count)


def mnist_shaped(np, dtype, samples, classes=10, seed=0):
    """Uniform pixels in [0, 1) and one-hot labels: MNIST's shapes, not its digits."""
    rng = np.random.default_rng(seed)
    images = rng.random((samples, 784), dtype=np.float64).astype(dtype)
    labels = np.zeros((samples, classes), dtype=dtype)
    labels[np.arange(samples), rng.integers(0, classes, samples)] = 1
    return images, labels


def products_per_repetition(size):
    """Enough products that one repetition takes ~2³⁰ multiply-adds (64 at 256, 1 at 1024)."""
    return max(1, (1 << 30) // size ** 3)


def time_case(run, warmup, repeats):
    """`run()` performs one unit of work and returns how many units it did (1 for an epoch)."""
    for _ in range(warmup):
        run()
    per_unit = []
    for _ in range(repeats):
        start = time.perf_counter()
        units = run()
        per_unit.append((time.perf_counter() - start) / units)
    return {"median_s": statistics.median(per_unit), "samples_s": per_unit}


def numpy_blas(np):
    """numpy's bundled OpenBLAS and its kernels, e.g. "OpenBLAS 0.3.31 ... SkylakeX", or None.

    The wheel ships its own OpenBLAS (newer than Debian's); its prefixed symbols tell which
    version and kernels it runs, which the benchmark reports beside ours.
    """
    import ctypes
    import glob
    libraries = glob.glob(os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs", "*openblas*"))
    for path in libraries:
        library = ctypes.CDLL(path)
        for prefix, suffix in (("scipy_", "64_"), ("scipy_", ""), ("", "64_"), ("", "")):
            config = getattr(library, f"{prefix}openblas_get_config{suffix}", None)
            core = getattr(library, f"{prefix}openblas_get_corename{suffix}", None)
            if config and core:
                config.restype = core.restype = ctypes.c_char_p
                return {"library": config().decode(), "core": core().decode()}
    return None


def run_or_serve(args, implementation, version, blas, case_runner):
    """Times `args.cases` once and prints one JSON object, or with `--serve` answers requests.

    Serving keeps one process alive per implementation, so that the benchmark can time ours,
    PyTorch and numpy case by case, interleaved, and a slower minute of a shared machine
    touches all three. Each request is a line `{"case": ..., "warmup": n, "repeats": n}`;
    each answer one line with the median and the samples. The first line says who answers.
    Case data are built once, on the first request for the case.
    """
    header = {"implementation": implementation, "version": version, "threads": args.threads,
              "python": sys.version.split()[0], "blas": blas}
    if not args.serve:
        results = {}
        for name in args.cases.split(","):
            results[name] = dict(time_case(case_runner(name), args.warmup, args.repeats), unit=CASES[name])
        json.dump(dict(header, results=results), sys.stdout)
        sys.stdout.write("\n")
        return
    print(json.dumps(header), flush=True)
    runners = {}
    for line in sys.stdin:
        request = json.loads(line)
        name = request["case"]
        if name not in CASES:
            print(json.dumps({"case": name, "error": f"unknown case {name}"}), flush=True)
            continue
        if name not in runners:
            runners[name] = case_runner(name)
        result = time_case(runners[name], request.get("warmup", 1), request.get("repeats", 5))
        print(json.dumps(dict(result, case=name, unit=CASES[name])), flush=True)
