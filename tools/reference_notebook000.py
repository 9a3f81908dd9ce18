#!/usr/bin/env python3
"""Writes experiments/gradient-check/Resources/notebook000.json: notebook 000's numbers at full precision.

1. The notebook's own code, run as the notebook runs it: its numpy classes (Sigmoid, MeanSquaredError,
   FullyConnectedLayer, NeuralNetwork, copied below as they are in cell 5) and cell 6 (the 2-2-1 network with
   W1 = [[0.5, 0.75], [0.25, 0.25]], W2 = [[0.5], [0.5]], zero biases, x = [[1, 1]], y = [[0]]). The notebook
   printed these numbers rounded to 8 decimals (the loss in full); here they keep every digit of float64.
   Weights are in the notebook's (in, out) layout.
2. PyTorch autograd on the same network and on the "bonus" variant with a sigmoid on the output, which the
   notebook leaves as an exercise. Weights are in torch.nn.Linear's (out, in) layout, as ours.

The Swift experiment compares its own forward and backward pass with both.

Needs numpy and torch (CPU build: pip install "torch==2.13.0+cpu"). Run from the repository root:
    python3 tools/reference_notebook000.py
"""
import json
import pathlib
from typing import List, Tuple

import numpy as np
import torch


# ---- The notebook's cell 5, as written (its comments dropped). ----
class Sigmoid:
    def forward(self, x: np.array) -> np.array:
        return 1 / (1 + np.exp(-x))

    def backward(self, x: np.array, grad: np.array = np.array([[1]])) -> np.array:
        return grad * (self.forward(x) * (1 - self.forward(x)))


class MeanSquaredError:
    def forward(self, y_pred: np.array, y_true: np.array) -> float:
        return np.mean(0.5 * (y_true - y_pred) ** 2)

    def backward(self, y_pred: np.array, y_true: np.array, grad: np.array = np.array([[1]])) -> np.array:
        return grad * (y_pred - y_true)


class FullyConnectedLayer:
    def __init__(self, input_size: int, output_size: int):
        self.input_size = input_size
        self.output_size = output_size
        self.weights = np.random.randn(self.input_size, self.output_size)
        self.bias = np.zeros((1, self.output_size))

    def forward(self, x: np.array) -> np.array:
        return np.matmul(x, self.weights) + self.bias

    def backward(self, x: np.array, grad: np.array = np.array([[1]])) -> Tuple[np.array, np.array, np.array]:
        x_grad = np.matmul(grad, self.weights.T)
        W_grad = np.matmul(x.T, grad)
        b_grad = grad
        return x_grad, W_grad, b_grad


class NeuralNetwork:
    def __init__(self, input_size: int, output_size: int, hidden_sizes: List[int], activation=Sigmoid):
        self.activ_inputs = None
        self.layer_inputs = None
        s = [input_size] + hidden_sizes + [output_size]
        self.layers = [FullyConnectedLayer(s[i], s[i + 1]) for i in range(len(s) - 1)]
        self.activation = activation()

    def forward(self, x: np.array) -> np.array:
        self.layer_inputs = []
        self.activ_inputs = []
        for layer in self.layers[:-1]:
            self.layer_inputs.append(x)
            x = layer.forward(x)
            self.activ_inputs.append(x)
            x = self.activation.forward(x)
        self.layer_inputs.append(x)
        x = self.layers[-1].forward(x)
        return x

    def backward(self, x: np.array, grad: np.array = np.array([[1]])) -> Tuple[np.array]:
        W_grads = []
        b_grads = []
        grad, W_grad, b_grad = self.layers[-1].backward(self.layer_inputs[-1], grad)
        W_grads.append(W_grad)
        b_grads.append(b_grad)
        for i in reversed(range(len(self.activ_inputs))):
            grad = self.activation.backward(self.activ_inputs[i], grad)
            grad, W_grad, b_grad = self.layers[i].backward(self.layer_inputs[i], grad)
            W_grads.append(W_grad)
            b_grads.append(b_grad)
        return grad, list(reversed(W_grads)), list(reversed(b_grads))


W1 = [[0.5, 0.75], [0.25, 0.25]]   # (in, out), as the notebook sets it
W2 = [[0.5], [0.5]]
X = [[1, 1]]
Y = [[0]]


def notebook_cell_6() -> dict:
    """Cell 6 of the notebook, returning what it prints."""
    net = NeuralNetwork(2, 1, [2], Sigmoid)
    net.layers[0].weights = np.array(W1)
    net.layers[1].weights = np.array(W2)
    loss_function = MeanSquaredError()
    x = np.array(X)
    y = np.array(Y)
    pred = net.forward(x)
    loss = loss_function.forward(pred, y)
    grad = loss_function.backward(pred, y)
    grad, W_grads, b_grads = net.backward(x, grad)
    return {
        "layout": "weights (in, out), as the notebook's x @ W",
        "hidden_preactivation": net.activ_inputs[0].tolist(),
        "hidden_activation": net.layer_inputs[1].tolist(),
        "prediction": pred.tolist(),
        "loss": float(loss),
        "W1_grad": W_grads[0].tolist(),
        "b1_grad": b_grads[0].tolist(),
        "W2_grad": W_grads[1].tolist(),
        "b2_grad": b_grads[1].tolist(),
    }


def torch_autograd(sigmoid_output: bool) -> dict:
    """The same network in PyTorch (float64), optionally with a sigmoid on the output."""
    hidden = torch.nn.Linear(2, 2, dtype=torch.float64)
    output = torch.nn.Linear(2, 1, dtype=torch.float64)
    with torch.no_grad():
        hidden.weight.copy_(torch.tensor(W1, dtype=torch.float64).t())
        hidden.bias.zero_()
        output.weight.copy_(torch.tensor(W2, dtype=torch.float64).t())
        output.bias.zero_()
    x = torch.tensor(X, dtype=torch.float64)
    y = torch.tensor(Y, dtype=torch.float64)
    z1 = hidden(x)
    h = torch.sigmoid(z1)
    z2 = output(h)
    prediction = torch.sigmoid(z2) if sigmoid_output else z2
    loss = torch.mean(0.5 * (y - prediction) ** 2)
    loss.backward()
    return {
        "layout": "weights (out, in), as torch.nn.Linear",
        "hidden_preactivation": z1.tolist(),
        "hidden_activation": h.tolist(),
        "output_preactivation": z2.tolist(),
        "prediction": prediction.tolist(),
        "loss": loss.item(),
        "W1_grad": hidden.weight.grad.tolist(),
        "b1_grad": [hidden.bias.grad.tolist()],
        "W2_grad": output.weight.grad.tolist(),
        "b2_grad": [output.bias.grad.tolist()],
    }


def main() -> None:
    fixture = {
        "description": "notebook 000's 2-2-1 network (sigmoid hidden layer, x = [1, 1], y = 0, loss mean(0.5 (y - y_hat)^2))",
        "numpy_version": np.__version__,
        "torch_version": torch.__version__,
        "notebook_code": notebook_cell_6(),
        "torch_linear_output": torch_autograd(sigmoid_output=False),
        "torch_sigmoid_output": torch_autograd(sigmoid_output=True),
    }
    out = pathlib.Path(__file__).resolve().parent.parent / "experiments/gradient-check/Resources/notebook000.json"
    out.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {out}")
    for key in ("notebook_code", "torch_sigmoid_output"):
        values = fixture[key]
        print(f"{key}: prediction {values['prediction'][0][0]!r} loss {values['loss']!r}")
        for name in ("W1_grad", "b1_grad", "W2_grad", "b2_grad"):
            print(f"  {name} {values[name]}")


if __name__ == "__main__":
    main()
