"""The classification head: calibrated linear probes over [embedding, cues] and [embedding, cues, context].

* **Text probes**, one per class, read a message alone (embedding and rule cues). ``p_question`` comes
  from the text probe: reply context never makes a clear question less likely. The same probe scores a
  reply's parent text ("is the parent a question"), the context feature answers depend on.
* **Context probes** for ``answer``, ``link_share`` and ``social`` also read the reply context (is it a
  reply, its position, how much the parent reads like a question, whether the asker wrote it).
* **Per-class thresholds** were chosen on out-of-fold probabilities of the training rows
  (``classify.thresholds``); the label rule is in ``primary_labels``.

The shipped head (``classify/models/``, see its README.md model card) was trained on real meeting
dialogue (MRDA, CC BY 4.0) plus the hand-written corpus; it is used whenever the configured embedder and
head settings match it. Otherwise (another embedder, or an editor's labels saved by ``kennismaker train``)
a head is trained on the corpus training split, the editor's labels and the configured training datasets,
and saved under ``model_dir/classify``. Heads are stored with safetensors: arrays and a JSON header only.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa

from kennismaker.classify.config import ClassifyConfig
from kennismaker.classify.corpus import HEAD_CLASSES, corpus_files, corpus_frame, corpus_split, corpus_vectors, read_labels
from kennismaker.classify.embedders import Embedder, embedder_model_id
from kennismaker.classify.features import CONTEXT_FEATURES, FEATURE_VERSION, feature_matrix, frame_languages, opener_matrix, parent_texts
from kennismaker.classify.irc_labels import irc_label_rows, is_irc_folder
from kennismaker.classify.probe import LinearProbe, fitted_probe, probe_from_tensors, probe_tensors
from kennismaker.classify.thresholds import chosen_thresholds, primary_labels, question_marks
from kennismaker.classify.training_sets import augmented_rows, dataset_rows, share
from kennismaker.registry import Registry

EXTRA_LABELS = "extra_labels.jsonl"
BUNDLED_DIR = Path(__file__).resolve().parent / "models"
CONTEXT_CLASSES = ("answer", "link_share", "social")
QUESTION = HEAD_CLASSES.index("question")

__all__ = ["Head", "configured_head", "current_head", "model_version", "primary_labels", "trained_head", "training_rows"]


@dataclass
class Head:
    """Text probes (every class), context probes (answer, link_share, social) and per-class thresholds."""

    model_version: str
    embedder_model_id: str
    text_probes: dict[str, LinearProbe]
    context_probes: dict[str, LinearProbe]
    thresholds: dict[str, float]
    info: dict = field(default_factory=dict)

    def text_probabilities(self, features: np.ndarray) -> np.ndarray:
        """P(class) per row from the text alone (context columns are ignored), ``HEAD_CLASSES`` order."""
        x = np.asarray(features)[:, : -len(CONTEXT_FEATURES)]
        return np.column_stack([self.text_probes[c].probability(x) for c in HEAD_CLASSES]).astype(np.float32)

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """P(class) per row, ``HEAD_CLASSES`` order: question from the text probe, the rest with context."""
        out = self.text_probabilities(features)
        for c in CONTEXT_CLASSES:
            out[:, HEAD_CLASSES.index(c)] = self.context_probes[c].probability(features)
        return out

    def question_scores(self, texts: list[str], vectors: np.ndarray, cfg: ClassifyConfig) -> np.ndarray:
        """P(question) of ``texts`` read alone (as thread openers)."""
        if not texts:
            return np.zeros(0, dtype=np.float32)
        x = opener_matrix(texts, vectors, cfg)[:, : -len(CONTEXT_FEATURES)]
        return self.text_probes["question"].probability(x)

    def parent_questions(self, frame: pa.Table, parent_vectors: np.ndarray, cfg: ClassifyConfig) -> np.ndarray:
        """Per row, P(question) of the parent text it replies to (0 for thread openers)."""
        parents = parent_texts(frame)
        row_of = {p: i for i, p in enumerate(parents) if p}  # each distinct parent text is scored once
        out = np.zeros(frame.num_rows, dtype=np.float32)
        if row_of:
            score = dict(zip(row_of, self.question_scores(list(row_of), np.asarray(parent_vectors)[list(row_of.values())], cfg)))
            out[:] = [score[p] if p else 0.0 for p in parents]
        return out


def head_dir(model_dir: Path) -> Path:
    """Where trained heads, the editor's labels and cached corpus vectors live."""
    return Path(model_dir) / "classify"


def _check_name(cfg: ClassifyConfig) -> None:
    HEADS.get(cfg.head.name)  # ConfigError naming the registered heads when there is none


# --- storage ----------------------------------------------------------------------------------

def saved_head(head: Head, path: Path) -> Path:
    """Write ``head`` to ``path`` (safetensors, atomically)."""
    from safetensors.numpy import save_file

    tensors: dict[str, np.ndarray] = {}
    for group, probes in (("text", head.text_probes), ("context", head.context_probes)):
        for c, probe in probes.items():
            tensors.update(probe_tensors(f"{group}.{c}", probe))
    meta = {"model_version": head.model_version, "embedder_model_id": head.embedder_model_id,
            "feature_version": FEATURE_VERSION, "thresholds": json.dumps(head.thresholds), "info": json.dumps(head.info)}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    save_file(tensors, str(tmp), metadata=meta)
    tmp.replace(path)
    return path


def head_metadata(path: Path) -> dict[str, str]:
    """The JSON header of a stored head (no arrays are read)."""
    from safetensors import safe_open

    with safe_open(str(path), framework="numpy") as f:
        return dict(f.metadata() or {})


def loaded_head(path: Path) -> Head:
    """The head stored at ``path``."""
    from safetensors.numpy import load_file

    tensors = load_file(str(path))
    meta = head_metadata(path)
    groups = {g: sorted({k.split(".")[1] for k in tensors if k.startswith(g + ".")}) for g in ("text", "context")}
    return Head(
        meta["model_version"], meta["embedder_model_id"],
        {c: probe_from_tensors(f"text.{c}", tensors) for c in groups["text"]},
        {c: probe_from_tensors(f"context.{c}", tensors) for c in groups["context"]},
        json.loads(meta["thresholds"]), json.loads(meta.get("info") or "{}"),
    )


def bundled_head_path(cfg: ClassifyConfig) -> Path | None:
    """The shipped head that fits ``cfg`` (same embedder, features and head settings), if any."""
    wanted = embedder_model_id(cfg.embedder)
    for path in sorted(BUNDLED_DIR.glob("head-*.safetensors")):
        meta = head_metadata(path)
        info = json.loads(meta.get("info") or "{}")
        if meta.get("embedder_model_id") == wanted and meta.get("feature_version") == FEATURE_VERSION and info.get("head") == cfg.head.model_dump(exclude={"thresholds"}):
            return path
    return None


# --- which head -------------------------------------------------------------------------------

def training_files(model_dir: Path) -> list[Path]:
    """The labelled files a trained head learns from: the bundled corpus plus the saved editor's labels."""
    extra = head_dir(model_dir) / EXTRA_LABELS
    return corpus_files() + ([extra] if extra.is_file() else [])


def _shipped_head(cfg: ClassifyConfig, model_dir: Path) -> Path | None:
    """The shipped head, unless the editor's labels or configured training datasets ask for a trained one."""
    if (head_dir(model_dir) / EXTRA_LABELS).is_file() or cfg.training_datasets:
        return None
    return bundled_head_path(cfg)


def model_version(cfg: ClassifyConfig, model_dir: Path) -> str:
    """The version name of the head ``cfg`` asks for: the shipped head's, or a hash of what a trained one learns from."""
    _check_name(cfg)
    bundled = _shipped_head(cfg, model_dir)
    if bundled is not None:
        return head_metadata(bundled)["model_version"] + _threshold_suffix(cfg) + _rule_suffix(cfg)
    parts = {
        "files": [hashlib.sha256(p.read_bytes()).hexdigest() for p in training_files(model_dir)],
        "datasets": [str(d) for d in cfg.training_datasets],
        "embedder": embedder_model_id(cfg.embedder),
        "features": FEATURE_VERSION,
        "head": cfg.head.model_dump(),
    }
    return "head-" + hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:12] + _rule_suffix(cfg)


def _rule_suffix(cfg: ClassifyConfig) -> str:
    """A tag of the label rules applied after the head (problem reports, addressees), so stored labels follow a change."""
    from kennismaker.classify.cue_lexicon import PROBLEM_REPORT_PATTERNS
    from kennismaker.classify.sentences import ADDRESSEE_PATTERN

    rules = {"problem_report_p": cfg.problem_report_p, "patterns": PROBLEM_REPORT_PATTERNS if cfg.problem_report_p > 0 else [],
             "addressee": [ADDRESSEE_PATTERN, "has_question_mark"]}
    return "-r" + hashlib.sha256(json.dumps(rules, sort_keys=True).encode()).hexdigest()[:6]


def _threshold_suffix(cfg: ClassifyConfig) -> str:
    if not cfg.head.thresholds:
        return ""
    return "-t" + hashlib.sha256(json.dumps(cfg.head.thresholds, sort_keys=True).encode()).hexdigest()[:6]


def with_thresholds(head: Head, cfg: ClassifyConfig, version: str) -> Head:
    """``head`` with the configured threshold overrides applied, named ``version`` (which says so, and names the rules after the head)."""
    if not cfg.head.thresholds and version == head.model_version:
        return head
    return Head(version, head.embedder_model_id, head.text_probes, head.context_probes, {**head.thresholds, **cfg.head.thresholds}, head.info)


def current_head(cfg: ClassifyConfig, model_dir: Path, embedder: Embedder | None = None) -> Head:
    """The head for the current model_version: the shipped one, a stored trained one, or trained now."""
    version = model_version(cfg, model_dir)
    bundled = _shipped_head(cfg, model_dir)
    if bundled is not None:
        return with_thresholds(loaded_head(bundled), cfg, version)
    path = head_dir(model_dir) / f"{version}.safetensors"
    if path.is_file():
        return loaded_head(path)
    if embedder is None:
        from kennismaker.classify.embedders import get_embedder

        embedder = get_embedder(cfg.embedder)
    return trained_head(cfg, model_dir, embedder)


# --- training ---------------------------------------------------------------------------------

def class_targets(rows: list[dict]) -> np.ndarray:
    """Binary targets per row and class: primary label or listed in ``also``; ``other`` is negative for all."""
    return np.array([[float(r["label"] == c or c in r["also"]) for c in HEAD_CLASSES] for r in rows], dtype=np.int64)


def training_rows(model_dir: Path, datasets: list[Path] | tuple[Path, ...] = ()) -> list[dict]:
    """Corpus training split, saved editor's labels and the dev split of each dataset, with chat-typed copies."""
    rows = corpus_split([r for p in corpus_files() for r in read_labels(p)])[0]
    extra = head_dir(model_dir) / EXTRA_LABELS
    rows += read_labels(extra) if extra.is_file() else []
    for folder in datasets:
        if is_irc_folder(Path(folder)):
            rows += irc_label_rows(Path(folder), "train")
        else:
            rows += dataset_rows(Path(folder), "dev", keep={"social": 0.6, "other": 0.4})
    return augmented_rows(rows)


CORPUS_WEIGHT = 4.0  # the hand-written intranet corpus is ~10% of the rows; this gives it about a third of the say


IRC_WEIGHT = 4.0  # our own labels on real chat (classify/irc_labels.py): few rows, the closest to intranet chat; 4 chosen on dev data (docs/classification.md, "Choosing a head")


def row_weights(rows: list[dict]) -> np.ndarray:
    """How much each training row counts: dataset rows 1, our IRC labels ``IRC_WEIGHT``, corpus and editor's rows ``CORPUS_WEIGHT``."""
    return np.array([(IRC_WEIGHT if r["id"].startswith("irc:") else 1.0) if r.get("dataset") else CORPUS_WEIGHT for r in rows])


def row_folds(rows: list[dict]) -> np.ndarray:
    """A stable fold per row; a chat-typed copy shares its original's fold."""
    return np.array([int(share(r["id"].split("~")[0], "fold") * 5) for r in rows])


def _features(rows: list[dict], embedder: Embedder, cfg: ClassifyConfig, cache: Path, parent_q: dict[str, float]) -> np.ndarray:
    frame = corpus_frame(rows)
    vectors = corpus_vectors(embedder, [r["text"] for r in rows], cache)
    pq = np.array([parent_q[p] if p else 0.0 for p in parent_texts(frame)], dtype=np.float32)
    return feature_matrix(frame, vectors, frame_languages(frame, cfg), cfg, pq)


def parent_question_scores(rows: list[dict], question_oof: np.ndarray, probe: LinearProbe, embedder: Embedder,
                           cfg: ClassifyConfig, cache: Path) -> dict[str, float]:
    """P(question) per parent text: out of fold when the parent is itself a training text, else the probe's."""
    known = {r["text"]: float(p) for r, p in zip(rows, question_oof)}
    parents = sorted({r["parent"] for r in rows if r["is_reply"] and r["parent"]} - set(known))
    if parents:
        x = opener_matrix(parents, corpus_vectors(embedder, parents, cache), cfg)[:, : -len(CONTEXT_FEATURES)]
        known.update(zip(parents, probe.probability(x).tolist()))
    return known


@dataclass
class FittedProbes:
    """What training produced before thresholds: the probes and their out-of-fold probabilities."""

    text: dict[str, LinearProbe]
    context: dict[str, LinearProbe]
    oof: np.ndarray


def fitted_probes(rows: list[dict], embedder: Embedder, cfg: ClassifyConfig, cache: Path) -> FittedProbes:
    """Text probes on opener features, then context probes on features with out-of-fold parent scores."""
    folds = row_folds(rows)
    weights = row_weights(rows)
    targets = class_targets(rows)
    opener_rows = [{**r, "parent": None, "is_reply": False, "author_is_asker": False} for r in rows]
    text_x = _features(opener_rows, embedder, cfg, cache, {})[:, : -len(CONTEXT_FEATURES)]
    text, oof = {}, np.zeros(targets.shape, dtype=np.float32)
    for i, c in enumerate(HEAD_CLASSES):
        text[c], oof[:, i] = fitted_probe(text_x, targets[:, i], folds, cfg.head.c, weights)
    parent_q = parent_question_scores(rows, oof[:, QUESTION], text["question"], embedder, cfg, cache)
    full_x = _features(rows, embedder, cfg, cache, parent_q)
    context = {}
    for c in CONTEXT_CLASSES:
        i = HEAD_CLASSES.index(c)
        context[c], oof[:, i] = fitted_probe(full_x, targets[:, i], folds, cfg.head.c, weights)
    return FittedProbes(text, context, oof)


@dataclass
class Training:
    """A head trained but not yet saved, with the rows it learnt from and their out-of-fold probabilities."""

    head: Head
    rows: list[dict]
    oof: np.ndarray


def head_training(cfg: ClassifyConfig, model_dir: Path, embedder: Embedder, named_by_content: bool = False) -> Training:
    """Train the head ``cfg`` asks for (not saved); named by its content when ``named_by_content``, else by ``model_version``."""
    _check_name(cfg)
    rows = training_rows(model_dir, cfg.training_datasets)
    probes = fitted_probes(rows, embedder, cfg, head_dir(model_dir))
    originals = np.array(["~" not in r["id"] for r in rows])
    kept = [r for r, o in zip(rows, originals) if o]
    thresholds = chosen_thresholds(probes.oof[originals], [r["label"] for r in kept], question_marks([r["text"] for r in kept]),
                                   row_weights(kept))
    info = {"head": cfg.head.model_dump(exclude={"thresholds"}), "rows": len(rows), "datasets": [Path(d).name for d in cfg.training_datasets],
            "corpus_files": [p.name for p in training_files(model_dir)]}
    version = "head-" + _content_hash(probes, thresholds, embedder.model_id) if named_by_content else model_version(cfg, model_dir)
    head = Head(version, embedder.model_id, probes.text, probes.context, {**thresholds, **cfg.head.thresholds}, info)
    return Training(head, rows, probes.oof)


def trained_head(cfg: ClassifyConfig, model_dir: Path, embedder: Embedder, target: Path | None = None) -> Head:
    """Train the head ``cfg`` asks for and save it (under ``model_dir/classify``, or at ``target``)."""
    head = head_training(cfg, model_dir, embedder, named_by_content=target is not None).head
    saved_head(head, target or head_dir(model_dir) / f"{head.model_version}.safetensors")
    return head


def _content_hash(probes: FittedProbes, thresholds: dict[str, float], model_id: str) -> str:
    digest = hashlib.sha256(json.dumps([model_id, FEATURE_VERSION, thresholds], sort_keys=True).encode())
    for probe in [*probes.text.values(), *probes.context.values()]:
        digest.update(np.round(probe.coef, 6).tobytes())
    return digest.hexdigest()[:12]


HEADS = Registry("heads", "classifier head")
HEADS.register("logreg_platt.v2", func=current_head)


def configured_head(cfg: ClassifyConfig, model_dir: Path, embedder: Embedder | None = None) -> Head:
    """The head ``classify.head.name`` names, built by its registered factory."""
    return HEADS.get(cfg.head.name)(cfg, model_dir, embedder)
