"""Training the small softmax networks the package ships (the cue detector, the role scorer):
one loop, so that both recipes give the same bytes for the same inputs."""

from __future__ import annotations

import numpy as np
from thinc.api import Adam, Model, fix_random_seed


def fit_softmax(
    model: Model,
    x: np.ndarray,
    y: np.ndarray,
    classes: int,
    *,
    epochs: int,
    batch: int,
    learn_rate: float,
    seed: int,
) -> Model:
    """``model`` (a network ending in a softmax over ``classes``) trained on rows ``x`` with
    labels ``y``: Adam, cross-entropy, shuffled batches; fixed seeds, so the same inputs give
    the same weights."""
    fix_random_seed(seed)
    targets = np.eye(classes, dtype="float32")[y]
    model.initialize(X=x[:batch], Y=targets[:batch])
    optimizer = Adam(learn_rate)
    rng = np.random.RandomState(seed)
    for _ in range(epochs):
        order = rng.permutation(len(y))
        for start in range(0, len(order), batch):
            rows = order[start : start + batch]
            predicted, backprop = model.begin_update(x[rows])
            backprop((predicted - targets[rows]) / len(rows))
            model.finish_update(optimizer)
    return model
