#!/usr/bin/env python3
"""Writes Tests/BackpropTests/Fixtures/notebook003_and.json: notebook 003's AND cell run with
the notebook's own numpy classes (Dense, Sigmoid, Network, copied below without change but
for the fixed initial weights), so that a test can check what experiment-and-gate says about
them: the notebook's Dense layer divides the already averaged gradient by the batch size a
second time, so its learning rate 0.1 moves the weights as 0.025 does in our library.

The cell: predict, one trainBatch, then 10 rounds of 10,000 trainBatch calls each followed by
a printed trainBatch (whose loss is the one printed, taken before that call's update).
The initial weights are np.random.seed(0); np.random.randn(2, 1) * 0.01, biases zero.
Float64 throughout. Needs numpy. Run from the repository root:
    python3 tools/reference_notebook003.py
"""
import json
import pathlib

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def derivative_sigmoid(x):
    return sigmoid(x) * (1 - sigmoid(x))


class Sigmoid:
    def forward(self, input):
        return sigmoid(input)

    def backward(self, input, grad_output):
        return grad_output * derivative_sigmoid(input)


class Dense:
    def __init__(self, weights, learning_rate):
        self.weights = weights.copy()
        self.biases = np.zeros(weights.shape[1])
        self.learning_rate = learning_rate

    def forward(self, input):
        return input.dot(self.weights) + self.biases

    def backward(self, input, grad_output):
        grad_input = np.dot(grad_output, self.weights.T)
        # The notebook's lines: the loss gradient is already divided by the batch size,
        # and these divide (mean) by it again.
        grad_weights = np.dot(input.T, grad_output) / input.shape[0]
        grad_biases = grad_output.mean(axis=0)
        self.weights = self.weights - self.learning_rate * grad_weights
        self.biases = self.biases - self.learning_rate * grad_biases
        return grad_input


class Network:
    def __init__(self, weights, learning_rate):
        self.layers = [Dense(weights, learning_rate), Sigmoid()]

    def forward(self, X):
        activations = [X]
        for layer in self.layers:
            X = layer.forward(X)
            activations.append(X)
        return activations

    def predict(self, input):
        return self.forward(input)[-1]

    def loss(self, y, pred):
        return np.mean(-np.log(pred) * y - (np.log(1 - pred) * (1 - y)))

    def log_loss_prime(self, y_true, y_pred):
        return ((1 - y_true) / (1 - y_pred) - y_true / y_pred) / np.size(y_true)

    def trainBatch(self, X, y):
        layer_inputs = self.forward(X)
        pred = layer_inputs[-1]
        loss_grad = self.log_loss_prime(y, pred)
        index = -2
        for layer in reversed(self.layers):
            loss_grad = layer.backward(layer_inputs[index], loss_grad)
            index = index - 1
        return self.loss(y, pred)


def main():
    np.random.seed(0)
    weights = np.random.randn(2, 1) * 0.01
    learning_rate = 0.1
    net = Network(weights, learning_rate)
    inputs = np.array([[1.0, 1.0], [1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    y = np.array([1.0, 0.0, 0.0, 0.0]).reshape(4, 1)
    before = net.predict(inputs)

    steps = 0
    net.trainBatch(inputs, y)
    steps += 1
    printed = []   # (steps done before the printed call, the loss it printed)
    for _ in range(10):
        for _ in range(10000):
            net.trainBatch(inputs, y)
            steps += 1
        printed.append({"step": steps, "loss": float(net.trainBatch(inputs, y))})
        steps += 1

    dense = net.layers[0]
    fixture = {
        "source": "tools/reference_notebook003.py: notebook 003's classes and AND cell in numpy float64",
        "notebook_learning_rate": learning_rate,
        "initial_weights": weights[:, 0].tolist(),          # notebook layout (in, out): w1, w2
        "inputs": inputs.tolist(),
        "targets": y[:, 0].tolist(),
        "predictions_before": before[:, 0].tolist(),
        "total_steps": steps,
        "printed_losses": printed,
        "predictions_after": net.predict(inputs)[:, 0].tolist(),
        "final_loss": float(net.loss(y, net.predict(inputs))),
        "final_weights": dense.weights[:, 0].tolist(),
        "final_bias": float(dense.biases[0]),
    }
    path = pathlib.Path("Tests/BackpropTests/Fixtures/notebook003_and.json")
    path.write_text(json.dumps(fixture, indent=2) + "\n")
    print(f"wrote {path}: printed losses {[round(p['loss'], 6) for p in printed]}")


if __name__ == "__main__":
    main()
