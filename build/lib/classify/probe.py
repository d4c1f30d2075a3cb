"""A calibrated linear probe: standardise, logistic regression, Platt scaling; plain arrays only.

A probe is stored as a handful of numpy arrays (``probe_tensors`` / ``probe_from_tensors``), so a head
can be saved with safetensors and loaded without unpickling anything. ``fitted_probe`` fits the
logistic regression on all rows and the Platt scaling on out-of-fold decision values (``folds`` gives
each row's fold), and also returns those out-of-fold probabilities: they are what the rows would have
scored had the probe never seen them, which is what thresholds and context features are tuned on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FOLDS = 5


@dataclass
class LinearProbe:
    """P(class) = sigmoid(a * (w . (x - mean) / scale + b) + c)."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    platt_a: float
    platt_c: float

    def decision(self, x: np.ndarray) -> np.ndarray:
        """The logistic regression's decision value per row."""
        return ((np.asarray(x, dtype=np.float64) - self.mean) / self.scale) @ self.coef + self.intercept

    def probability(self, x: np.ndarray) -> np.ndarray:
        """Calibrated probability per row (float32)."""
        return _sigmoid(self.platt_a * self.decision(x) + self.platt_c).astype(np.float32)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


def _logreg(x: np.ndarray, y: np.ndarray, c: float, weights: np.ndarray | None = None):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=3000, tol=1e-3, class_weight="balanced", random_state=0).fit(x, y, sample_weight=weights)


def _platt(z: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    if len(set(y.tolist())) < 2:
        return 1.0, 0.0
    m = LogisticRegression(C=1e4, max_iter=1000).fit(z.reshape(-1, 1), y, sample_weight=weights)
    return float(m.coef_[0, 0]), float(m.intercept_[0])


def fitted_probe(x: np.ndarray, y: np.ndarray, folds: np.ndarray, c: float = 1.0,
                 weights: np.ndarray | None = None) -> tuple[LinearProbe, np.ndarray]:
    """A probe fitted on all rows (``weights`` per row, default equal) and the out-of-fold probability of
    every row (deterministic)."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.int64)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    xs = (x - mean) / scale
    oof = np.zeros(len(y))
    for k in np.unique(folds):
        test = folds == k
        train = ~test
        if len(set(y[train].tolist())) < 2:
            oof[test] = 0.0
            continue
        m = _logreg(xs[train], y[train], c, None if weights is None else weights[train])
        oof[test] = m.decision_function(xs[test])
    a, b = _platt(oof, y, weights)
    if len(set(y.tolist())) < 2:
        return LinearProbe(mean, scale, np.zeros(x.shape[1]), -10.0 if not y.any() else 10.0, 1.0, 0.0), np.full(len(y), float(y.any()))
    full = _logreg(xs, y, c, weights)
    probe = LinearProbe(mean, scale, full.coef_[0].astype(np.float64), float(full.intercept_[0]), a, b)
    return probe, _sigmoid(a * oof + b)


def probe_tensors(name: str, probe: LinearProbe) -> dict[str, np.ndarray]:
    """The probe as named arrays (for safetensors)."""
    return {
        f"{name}.mean": probe.mean.astype(np.float64), f"{name}.scale": probe.scale.astype(np.float64),
        f"{name}.coef": probe.coef.astype(np.float64),
        f"{name}.calibration": np.array([probe.intercept, probe.platt_a, probe.platt_c], dtype=np.float64),
    }


def probe_from_tensors(name: str, tensors: dict[str, np.ndarray]) -> LinearProbe:
    """The probe stored under ``name`` by ``probe_tensors``."""
    b, a, c = (float(v) for v in tensors[f"{name}.calibration"])
    return LinearProbe(tensors[f"{name}.mean"], tensors[f"{name}.scale"], tensors[f"{name}.coef"], b, a, c)
