"""PyTorch eager baselines: the same cases with nn modules, autograd and torch.optim.
float32 for the MNIST-shaped cases marked f32, float64 where the notebooks use it
(notebook 001 compares against float64 PyTorch; the tiny networks run in float64).

    python3 bench/torch_baseline.py --threads 2 --cases mlp_f32

Prints one JSON object: per case the median seconds per unit (epoch, step or product).
"""
from common import mnist_shaped, parse, pin_threads, products_per_repetition, run_or_serve

args = parse(__doc__)
pin_threads(args.threads)
import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(args.threads)
torch.manual_seed(0)


def epoch_runner(model, loss_fn, optimizer, images, targets, batch):
    def run():
        for i in range(0, len(images), batch):
            x, y = images[i:i + batch], targets[i:i + batch]
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
        return 1
    return run


def steps_runner(model, loss_fn, optimizer, x, y):
    def run():
        for _ in range(args.steps):
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
        return args.steps
    return run


def case_runner(name):
    dtype = torch.float32 if name.endswith("f32") else torch.float64
    nn = torch.nn
    if name.startswith("mnist"):
        images, labels = (torch.from_numpy(m) for m in mnist_shaped(np, np.float64, args.samples))
        model = nn.Sequential(nn.Linear(784, 10), nn.Sigmoid()).to(dtype)
        return epoch_runner(model, nn.MSELoss(), torch.optim.SGD(model.parameters(), lr=1e-4),
                            images.to(dtype), labels.to(dtype), 600)
    if name == "mlp_f32":
        images, labels = (torch.from_numpy(m) for m in mnist_shaped(np, np.float64, args.samples))
        model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),
                              nn.Linear(128, 10)).to(dtype)
        return epoch_runner(model, nn.CrossEntropyLoss(), torch.optim.Adam(model.parameters(), lr=1e-3),
                            images.to(dtype), labels.argmax(dim=1), 128)
    if name == "and_f64":
        x = torch.tensor([[1, 1], [1, 0], [0, 1], [0, 0]], dtype=dtype)
        y = torch.tensor([[1], [0], [0], [0]], dtype=dtype)
        model = nn.Sequential(nn.Linear(2, 1), nn.Sigmoid()).to(dtype)
        return steps_runner(model, nn.BCELoss(), torch.optim.SGD(model.parameters(), lr=0.1), x, y)
    if name == "sine_f64":
        x = torch.linspace(0, 1, 100, dtype=dtype).reshape(-1, 1)
        y = torch.sin(4 * torch.pi * x) ** 2
        model = nn.Sequential(nn.Linear(1, 4), nn.Sigmoid(), nn.Linear(4, 4), nn.Sigmoid(),
                              nn.Linear(4, 1), nn.Sigmoid()).to(dtype)
        return steps_runner(model, nn.MSELoss(), torch.optim.Adam(model.parameters(), lr=0.01), x, y)
    size = int(name[len("matmul"):].split("_")[0])
    a, b = torch.rand(size, size, dtype=dtype), torch.rand(size, size, dtype=dtype)
    c = torch.empty(size, size, dtype=dtype)

    count = products_per_repetition(size)

    def products():
        for _ in range(count):
            torch.mm(a, b, out=c)
        return count
    return products


# PyTorch multiplies with its own kernels (oneDNN/MKL-style), chosen by CPU capability.
run_or_serve(args, "torch", torch.__version__,
             {"library": "PyTorch CPU kernels", "core": torch.backends.cpu.get_cpu_capability()}, case_runner)
