"""Builds five small PyTorch recurrent models, exports them with torch.onnx.export (opset 14) and records one
input batch and PyTorch's outputs as ONNX TensorProto files, for rnnkit's import tests (PyTorchFixturesTest).

Run from this directory with Debian's Python: /usr/bin/python3 make_fixtures.py
"""
import os

import numpy as np
import onnx.numpy_helper
import torch
from torch import nn

OPSET = 14
HERE = os.path.dirname(os.path.abspath(__file__))


class CharLstm(nn.Module):
    """2-layer LSTM character model: embedding, LSTM, linear, log-softmax; tokens [time, batch]."""

    def __init__(self, vocab=27, embed=8, hidden=24):
        super().__init__()
        self.embed = nn.Embedding(vocab, embed)
        self.lstm = nn.LSTM(embed, hidden, num_layers=2)
        self.out = nn.Linear(hidden, vocab)

    def forward(self, tokens):
        y, _ = self.lstm(self.embed(tokens))
        return torch.log_softmax(self.out(y), dim=-1)


class CharGru(nn.Module):
    """1-layer GRU character model over rnnkit's 28-symbol timemachine vocabulary (untrained), for evaluate."""

    def __init__(self, vocab=28, embed=8, hidden=16):
        super().__init__()
        self.embed = nn.Embedding(vocab, embed)
        self.gru = nn.GRU(embed, hidden)
        self.out = nn.Linear(hidden, vocab)

    def forward(self, tokens):
        y, _ = self.gru(self.embed(tokens))
        return self.out(y)


class BiGruClassifier(nn.Module):
    """Bidirectional GRU over [batch, time, features] (batch_first), last step's output, linear, softmax."""

    def __init__(self, features=5, hidden=7, classes=3):
        super().__init__()
        self.gru = nn.GRU(features, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, classes)

    def forward(self, x):
        y, _ = self.gru(x)
        return torch.softmax(self.out(y[:, -1, :]), dim=-1)


class ReluRnn(nn.Module):
    """Elman RNN with ReLU over [time, batch, features], linear output at every step."""

    def __init__(self, features=4, hidden=9, outputs=2):
        super().__init__()
        self.rnn = nn.RNN(features, hidden, nonlinearity="relu")
        self.out = nn.Linear(hidden, outputs)

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.out(y)


class StackedGru(nn.Module):
    """3-layer GRU with dropout between layers (exported in eval mode, so dropout is the identity)."""

    def __init__(self, features=6, hidden=8):
        super().__init__()
        self.gru = nn.GRU(features, hidden, num_layers=3, dropout=0.3)

    def forward(self, x):
        y, h = self.gru(x)
        return y, h


def save(name, model, inputs, input_names, output_names, dynamic_axes):
    model.eval()
    with torch.no_grad():
        outputs = model(*inputs)
    if not isinstance(outputs, tuple):
        outputs = (outputs,)
    torch.onnx.export(model, tuple(inputs), os.path.join(HERE, name + ".onnx"), opset_version=OPSET,
                      input_names=input_names, output_names=output_names, dynamic_axes=dynamic_axes)
    for i, x in enumerate(inputs):
        write(os.path.join(HERE, f"{name}.input_{i}.pb"), x.numpy())
    for i, y in enumerate(outputs):
        write(os.path.join(HERE, f"{name}.output_{i}.pb"), y.numpy())


def write(path, array):
    with open(path, "wb") as f:
        f.write(onnx.numpy_helper.from_array(np.ascontiguousarray(array)).SerializeToString())


TEXT = "the quick brown fox jumps over the lazy dog "
CHAR_SYMBOLS = "".join(sorted(set(TEXT)))


def train_char_lstm(model, steps=300):
    """Teaches the model to continue TEXT (a few seconds on a CPU), so that a sample shows the import works."""
    ids = torch.tensor([CHAR_SYMBOLS.index(c) for c in TEXT * 4])
    optimizer = torch.optim.Adam(model.parameters(), lr=0.02)
    for _ in range(steps):
        start = int(torch.randint(0, len(TEXT), (1,)))
        window = ids[start:start + 2 * len(TEXT) + 1]
        tokens, targets = window[:-1].unsqueeze(1), window[1:]
        loss = nn.functional.nll_loss(model(tokens).squeeze(1), targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(f"char_lstm: final training loss {loss.item():.4f}")
    model.eval()
    print(f"char_lstm: greedy after 'the quick ': '{greedy(model, 'the quick ', 33)}'")
    return model


def greedy(model, prefix, length):
    """PyTorch's greedy continuation of prefix, which rnnkit's generate --greedy reproduces after import."""
    text = prefix
    with torch.no_grad():
        for _ in range(length):
            tokens = torch.tensor([CHAR_SYMBOLS.index(c) for c in text]).unsqueeze(1)
            text += CHAR_SYMBOLS[int(model(tokens)[-1, 0].argmax())]
    return text[len(prefix):]


def write_char_vocabulary(path, symbols):
    """The char model's vocabulary in rnnkit's text form: symbol i is token id i."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("rnnkit-char-vocabulary 1\ncleaning NONE\nsymbols "
                + " ".join(f"U+{ord(c):04X}" for c in symbols) + "\n")


def main():
    torch.manual_seed(15)
    write_char_vocabulary(os.path.join(HERE, "char_lstm.vocab"), CHAR_SYMBOLS)
    save("char_lstm", train_char_lstm(CharLstm()), [torch.randint(0, len(CHAR_SYMBOLS), (7, 3))], ["tokens"], ["log_probs"],
         {"tokens": {0: "time", 1: "batch"}, "log_probs": {0: "time", 1: "batch"}})
    save("char_gru28", CharGru(), [torch.randint(0, 28, (5, 2))], ["tokens"], ["logits"],
         {"tokens": {0: "time", 1: "batch"}, "logits": {0: "time", 1: "batch"}})
    save("bigru_classifier", BiGruClassifier(), [torch.randn(4, 6, 5)], ["x"], ["probs"],
         {"x": {0: "batch", 1: "time"}, "probs": {0: "batch"}})
    save("relu_rnn", ReluRnn(), [torch.randn(5, 2, 4)], ["x"], ["y"],
         {"x": {0: "time", 1: "batch"}, "y": {0: "time", 1: "batch"}})
    save("stacked_gru", StackedGru(), [torch.randn(6, 3, 6)], ["x"], ["y", "h"],
         {"x": {0: "time", 1: "batch"}, "y": {0: "time", 1: "batch"}, "h": {1: "batch"}})


if __name__ == "__main__":
    main()
