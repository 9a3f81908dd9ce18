"""numpy baselines written the way the course notebooks write them: layer classes with
forward / backward / zero_gradients / update_parameters, float64 unless a case says f32.

    python3 bench/numpy_baseline.py --threads 2 --cases mnist_f64,and_f64

Prints one JSON object: per case the median seconds per unit (epoch, step or product).
"""
from common import mnist_shaped, numpy_blas, parse, pin_threads, products_per_repetition, run_or_serve

args = parse(__doc__)
pin_threads(args.threads)
import numpy as np  # noqa: E402  (after the thread count is fixed)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


class Linear:  # notebook 004: w is (n_out, n_in), y = x wᵀ + b
    def __init__(self, n_in, n_out, dtype, rng, sigma=0.1):
        self.w = (sigma * rng.standard_normal((n_out, n_in))).astype(dtype)
        self.b = np.zeros((1, n_out), dtype=dtype)
        self.zero_gradients()

    def forward(self, x_in):
        self.x_in = x_in
        return x_in @ self.w.T + self.b

    def backward(self, d_out):
        self.dw += d_out.T @ self.x_in
        self.db += d_out.sum(axis=0, keepdims=True)
        return d_out @ self.w

    def zero_gradients(self):
        self.dw = np.zeros_like(self.w)
        self.db = np.zeros_like(self.b)

    def update_parameters(self, lr):
        self.w -= lr * self.dw
        self.b -= lr * self.db

    def parameters(self):
        return [(self.w, self.dw), (self.b, self.db)]


class Sigmoid:
    def forward(self, x_in):
        self.x_out = sigmoid(x_in)
        return self.x_out

    def backward(self, d_out):
        return d_out * self.x_out * (1 - self.x_out)

    def zero_gradients(self): pass
    def update_parameters(self, lr): pass
    def parameters(self): return []


class ReLU(Sigmoid):
    def forward(self, x_in):
        self.mask = x_in > 0
        return x_in * self.mask

    def backward(self, d_out):
        return d_out * self.mask


class Network:
    def __init__(self, layers):
        self.layers = layers

    def forward(self, x):
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def backward(self, d):
        for layer in reversed(self.layers):
            d = layer.backward(d)
        return d

    def zero_gradients(self):
        for layer in self.layers:
            layer.zero_gradients()

    def update_parameters(self, lr):
        for layer in self.layers:
            layer.update_parameters(lr)

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]


class MeanSquareError:  # mean ½(ŷ − y)², as our MeanSquaredError(.half)
    def estimate(self, target, prediction):
        self.target, self.prediction = target, prediction
        return 0.5 * np.mean((prediction - target) ** 2)

    def gradient(self):
        return (self.prediction - self.target) / self.prediction.size


class SoftmaxCrossEntropy:
    def estimate(self, target, logits):
        shifted = logits - logits.max(axis=1, keepdims=True)
        self.p = np.exp(shifted)
        self.p /= self.p.sum(axis=1, keepdims=True)
        self.target = target
        return -np.mean(np.sum(target * np.log(np.maximum(self.p, 1e-12)), axis=1))

    def gradient(self):
        return (self.p - self.target) / self.target.shape[0]


class LogLoss:  # notebook 003's binary cross-entropy
    def estimate(self, target, p):
        self.target, self.p = target, p
        return -np.mean(target * np.log(p) + (1 - target) * np.log(1 - p))

    def gradient(self):
        return (self.p - self.target) / (self.p * (1 - self.p) * self.p.size)


class Adam:  # exercise 2.3, PyTorch's numerics
    def __init__(self, parameters, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8):
        self.lr, self.b1, self.b2, self.eps, self.t = lr, b1, b2, eps, 0
        self.m = [np.zeros_like(p) for p, _ in parameters]
        self.v = [np.zeros_like(p) for p, _ in parameters]

    def step(self, parameters):
        self.t += 1
        c1, c2 = 1 - self.b1 ** self.t, 1 - self.b2 ** self.t
        for i, (p, g) in enumerate(parameters):
            self.m[i] = self.b1 * self.m[i] + (1 - self.b1) * g
            self.v[i] = self.b2 * self.v[i] + (1 - self.b2) * g * g
            p -= (self.lr / c1) * self.m[i] / (np.sqrt(self.v[i]) / np.sqrt(c2) + self.eps)


def epoch_runner(net, cost, images, labels, batch, update):
    def run():
        for i in range(0, len(images), batch):
            x, y = images[i:i + batch], labels[i:i + batch]
            net.zero_gradients()
            cost.estimate(y, net.forward(x))
            net.backward(cost.gradient())
            update()
        return 1
    return run


def case_runner(name, rng):
    dtype = np.float32 if name.endswith("f32") else np.float64
    if name.startswith("mnist"):
        images, labels = mnist_shaped(np, dtype, args.samples)
        net = Network([Linear(784, 10, dtype, rng), Sigmoid()])
        return epoch_runner(net, MeanSquareError(), images, labels, 600, lambda: net.update_parameters(1e-4))
    if name == "mlp_f32":
        images, labels = mnist_shaped(np, dtype, args.samples)
        net = Network([Linear(784, 256, dtype, rng), ReLU(), Linear(256, 128, dtype, rng), ReLU(),
                       Linear(128, 10, dtype, rng)])
        adam = Adam(net.parameters())
        return epoch_runner(net, SoftmaxCrossEntropy(), images, labels, 128, lambda: adam.step(net.parameters()))
    if name in ("and_f64", "sine_f64"):
        if name == "and_f64":
            x = np.array([[1, 1], [1, 0], [0, 1], [0, 0]], dtype=dtype)
            y = np.array([[1], [0], [0], [0]], dtype=dtype)
            net, cost = Network([Linear(2, 1, dtype, rng), Sigmoid()]), LogLoss()
            update = lambda: net.update_parameters(0.1)
        else:
            x = np.linspace(0, 1, 100, dtype=dtype).reshape(-1, 1)
            y = np.sin(4 * np.pi * x) ** 2
            net = Network([Linear(1, 4, dtype, rng), Sigmoid(), Linear(4, 4, dtype, rng), Sigmoid(),
                           Linear(4, 1, dtype, rng), Sigmoid()])
            cost, adam = MeanSquareError(), Adam(net.parameters(), lr=0.01)
            update = lambda: adam.step(net.parameters())

        def run():
            for _ in range(args.steps):
                net.zero_gradients()
                cost.estimate(y, net.forward(x))
                net.backward(cost.gradient())
                update()
            return args.steps
        return run
    size = int(name[len("matmul"):].split("_")[0])
    a, b = rng.random((size, size)).astype(dtype), rng.random((size, size)).astype(dtype)
    c = np.empty((size, size), dtype=dtype)

    count = products_per_repetition(size)

    def products():
        for _ in range(count):
            np.matmul(a, b, out=c)
        return count
    return products


run_or_serve(args, "numpy", np.__version__, numpy_blas(np), lambda name: case_runner(name, np.random.default_rng(0)))
