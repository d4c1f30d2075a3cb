"""``kennismaker eval --dataset``: gold reading, metrics computed by hand on a tiny dataset, and the real pipeline run."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kennismaker.classify.dataset_eval import _timed_records, dataset_evaluation, dataset_scores, gold_id, pipeline_output
from kennismaker.classify.dataset_gold import load_dataset
from kennismaker.classify.dataset_metrics import gap_conversations, label_scores, pair_scores
from kennismaker.classify.dataset_report import dataset_report
from kennismaker.pipelines.app import app
from kennismaker.errors import KennismakerError
from tests.conftest import FIXTURES

TINY = FIXTURES / "datasets" / "tiny-threads"
DEV_IDS = ["t1-1", "t1-2", "t1-3", "t2-1", "t2-2", "t3-1", "t3-2", "t3-3", "t4-1", "t4-2", "t5-1", "t5-2"]
GOLD_PAIRS = {("t1-1", "t1-2"), ("t3-2", "t3-3"), ("t4-1", "t4-2")}
runner = CliRunner()


def empty_output(**over) -> dict:
    out = {"labels": {}, "lang": {}, "answer_links": set(), "reply_parents": {}, "conversations": {}, "question_status": {},
           "listed_unanswered": set()}
    return {**out, **over}


@pytest.fixture(scope="module")
def hashing_cfg(tmp_path_factory):
    """A config with the hashing embedder and the tiny corpus, so the head trains in seconds (once per module)."""
    from kennismaker.classify import corpus as corpus_mod
    from kennismaker.pipelines.config import config_from_dict

    from .conftest import corpus_rows

    root = tmp_path_factory.mktemp("dataset-eval")
    folder = root / "corpus"
    folder.mkdir()
    (folder / "corpus_tiny.jsonl").write_text("\n".join(json.dumps(r) for r in corpus_rows()) + "\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(corpus_mod, "CORPUS_DIR", folder)
        yield config_from_dict({"demo_mode": True, "database": "db.duckdb", "model_dir": "models",
                                "classify": {"embedder": {"name": "hashing"}}}, root)


@pytest.fixture(scope="module")
def tiny_run(hashing_cfg, tmp_path_factory):
    """The dev split of the tiny dataset through the real pipeline: (result, database file)."""
    db = tmp_path_factory.mktemp("tiny-run") / "eval.duckdb"
    return dataset_evaluation(TINY, hashing_cfg, split="dev", database=db), db


def test_split_and_limit_select_whole_dialogues():
    ds = load_dataset(TINY, "dev")
    assert [r["message_id"] for r in ds.records] == DEV_IDS
    assert ds.dialogues == ["t1-1", "t2-1", "t3-1", "t4-1", "t5-1"] and ds.lang == "en"
    assert [r["message_id"] for r in load_dataset(TINY, "test").records] == ["t7-1", "t7-2", "t8-1"]
    assert len(load_dataset(TINY, "all").records) == 15
    assert load_dataset(TINY, "dev", limit_dialogues=2).dialogues == ["t1-1", "t2-1"]
    assert ds.gold["t5-2"].label is None and ds.gold["t3-3"].answer_to == ("t3-2",)
    assert ds.answered == {"t1-1": True, "t2-1": False, "t3-1": True, "t4-1": True, "t5-1": False}


def test_label_baselines_by_hand():
    ds = load_dataset(TINY, "dev")
    scored = [r for r in ds.records if ds.gold[r["message_id"]].label]
    true = [ds.gold[r["message_id"]].label for r in scored]
    s = label_scores(true, true, [r["text"] for r in scored])
    assert s["pipeline"]["macro_f1"] == pytest.approx(1.0)
    # majority class: question (4 of 11) for everything
    maj = s["baseline_majority"]
    assert maj["per_class"]["question"]["f1"] == pytest.approx(8 / 15) and maj["macro_f1"] == pytest.approx(8 / 15 / 4)
    # '?' -> question (3 texts, all questions); the rest gets their majority label, answer (3 of 8)
    qm = s["baseline_question_mark"]["per_class"]
    assert qm["question"]["precision"] == 1.0 and qm["question"]["recall"] == pytest.approx(0.75)
    assert qm["answer"]["precision"] == pytest.approx(3 / 8) and qm["answer"]["f1"] == pytest.approx(6 / 11)
    assert s["baseline_question_mark"]["macro_f1"] == pytest.approx((6 / 7 + 6 / 11) / 4)


def test_scores_of_a_given_output_by_hand():
    ds = load_dataset(TINY, "dev")
    out = empty_output(labels={i: "question" for i in DEV_IDS}, answer_links={("t1-1", "t1-2"), ("t2-1", "t2-2")},
                       question_status={"t1-1": "answered", "t2-1": "unanswered", "t4-1": "self_resolved"},
                       listed_unanswered={"t2-1", "t4-1"})
    s = dataset_scores(ds, out)
    labels = s["labels"]["blocks"]["all"]
    assert labels["pipeline"] == labels["baseline_majority"] and s["labels"]["skipped_null_gold"] == 1
    assert s["answer_links"]["pipeline"] == pair_scores(GOLD_PAIRS, out["answer_links"])
    assert s["answer_links"]["pipeline"]["precision"] == 0.5 and s["answer_links"]["pipeline"]["recall"] == pytest.approx(1 / 3)
    # next reply by another author after a '?': t1-1 -> t1-2 and t3-2 -> t3-3 (t2-1 and t5-2 get no other author)
    base = s["answer_links"]["baseline_next_reply"]
    assert (base["correct"], base["predicted"], base["gold"]) == (2, 2, 3)
    # gold unanswered t2-1, t5-1; pipeline lists t2-1 and t4-1 (answered) -> P 1/2, R 1/2; t5-1 is no question: not listed
    u = s["unanswered"]
    assert (u["pipeline"]["precision"], u["pipeline"]["recall"]) == (0.5, 0.5)
    assert (u["baseline_no_reply"]["precision"], u["baseline_no_reply"]["recall"]) == (1.0, 1.0)
    # only the threads the gold opens with a question: t1-1, t2-1 (unanswered), t4-1 -> P 1/2, R 1/1
    q = u["question_openers"]["pipeline"]
    assert (q["threads"], q["precision"], q["recall"]) == (3, 0.5, 1.0)
    assert s["reply_parents"] is None and s["conversations"] is None  # threaded data
    text = dataset_report(s)
    for word in ("majority class", "'?' -> question", "answer links", "unanswered openers", "macro-F1"):
        assert word in text


def test_flat_variant_scores_parents_and_conversations_by_hand():
    ds = load_dataset(TINY, "dev", flat=True)
    assert not any(r.get("thread_id") for r in ds.records) and ds.gold["t3-3"].parents == ("t3-2",)
    truth = {m: g.conversation_id for m, g in ds.gold.items()}
    s = dataset_scores(ds, empty_output(conversations=truth, reply_parents={"t1-2": "t1-1", "t2-2": "t1-3"}))
    c = s["conversations"]
    assert c["ari"] == pytest.approx(1.0) and c["gold_conversations"] == 5
    # the longest silence inside a thread is 30 min, the shortest between threads 48 min
    assert c["baseline_best_gap_seconds"] == 1800 and c["baseline_best_gap_ari"] == pytest.approx(1.0)
    assert c["baseline_gap_ari"]["0"] < 1.0 and c["baseline_gap_ari"]["inf"] == pytest.approx(0.0)
    r = s["reply_parents"]
    assert (r["pipeline"]["correct"], r["pipeline"]["predicted"], r["pipeline"]["gold"]) == (1, 2, 7)
    # previous message of another author: right for t1-2, t1-3, t3-2, t3-3, t4-2 of the 11 given a parent
    assert (r["baseline_previous_author"]["correct"], r["baseline_previous_author"]["predicted"]) == (5, 11)


def test_gap_conversations_split_on_long_silences():
    ds = load_dataset(TINY, "dev", flat=True)
    convs = gap_conversations(_timed_records(ds), 600)
    assert convs["t1-1"] == convs["t1-3"] and convs["t2-1"] != convs["t2-2"]


def test_pipeline_run_maps_ids_back_and_scores(tiny_run):
    from kennismaker.store import open_store

    result, db = tiny_run
    with open_store(db, read_only=True) as con:
        stored = [r[0] for r in con.execute("SELECT message_id FROM messages ORDER BY message_id").fetchall()]
        labelled = con.execute("SELECT count(*) FROM message_labels").fetchone()[0]
        out = pipeline_output(con)
    assert stored == sorted(f"generic:{i}" for i in DEV_IDS) and labelled == len(DEV_IDS)  # test split not ingested
    assert sorted(gold_id(i) for i in stored) == sorted(DEV_IDS) and set(out["lang"]) == set(DEV_IDS)
    ds = load_dataset(TINY, "dev")
    gold_parents = {r["message_id"]: r["reply_to_id"] for r in ds.records if r["reply_to_id"]}
    assert {m: out["reply_parents"][m] for m in gold_parents} == gold_parents  # the export's threads, mapped back
    assert result["labels"]["unlabelled"] == 0 and result["labels"]["blocks"]["all"]["pipeline"]["n"] == 11
    assert result["answer_links"]["baseline_next_reply"]["correct"] == 2
    assert result["unanswered"]["baseline_no_reply"]["f1"] == 1.0
    assert result["run"]["ingest"]["messages_read"] == 12


def test_rerun_relabels_nothing(tiny_run, hashing_cfg):
    result, db = tiny_run
    again = dataset_evaluation(TINY, hashing_cfg, split="dev", database=db)
    assert again["run"]["classify"]["labelled"] == 0 and again["run"]["classify"]["embedded"] == 0
    assert again["labels"] == result["labels"] and again["answer_links"] == result["answer_links"]


def test_cli_writes_report_and_json(hashing_cfg, tmp_path):
    cfg_file = tmp_path / "cfg.json.yaml"
    cfg_file.write_text(json.dumps({"demo_mode": True, "model_dir": str(hashing_cfg.model_dir), "classify": {"embedder": {"name": "hashing"}}}))
    out = tmp_path / "scores.json"
    result = runner.invoke(app, ["eval", "--dataset", str(TINY), "--flat", "--config", str(cfg_file),
                                 "--db", str(tmp_path / "flat.duckdb"), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "conversations (flat" in result.output and "adjusted Rand index" in result.output
    saved = json.loads(out.read_text())
    assert saved["dataset"]["flat"] is True and saved["conversations"]["baseline_best_gap_seconds"] == 1800


@pytest.mark.parametrize("args, words", [
    (["--dataset", "/nonexistent/dataset"], "does not exist"),
    (["--dataset", str(FIXTURES / "generic")], "has no gold.jsonl"),
    (["--dataset", str(TINY), "--split", "train"], "not one of dev, test, all"),
])
def test_bad_dataset_is_one_sentence(args, words):
    result = runner.invoke(app, ["eval", *args])
    assert result.exit_code == 2 and words in result.output


def test_missing_gold_line_is_an_error(tmp_path):
    (tmp_path / "messages.jsonl").write_text((TINY / "messages.jsonl").read_text())
    (tmp_path / "gold.jsonl").write_text((TINY / "gold.jsonl").read_text().splitlines()[0] + "\n")
    with pytest.raises(KennismakerError, match="no gold line for message t1-2"):
        load_dataset(tmp_path)


@pytest.mark.shared
def test_dutch_issue_threads_slice(shared_dir, hashing_cfg, tmp_path):
    path = shared_dir / "datasets" / "dutch-issue-threads"
    if not path.is_dir():
        pytest.skip("dutch-issue-threads is not in ../shared")
    result = dataset_evaluation(path, hashing_cfg, limit_dialogues=3, database=tmp_path / "nl.duckdb")
    assert result["dataset"]["dialogues"] == 3 and result["dataset"]["lang"] == "nl"
    assert result["labels"]["blocks"]["all"]["pipeline"]["n"] == result["dataset"]["messages"]
    assert set(result["answer_links"]) == {"pipeline", "baseline_next_reply"}
    assert result["unanswered"]["pipeline"]["threads"] == 3


@pytest.mark.shared
def test_dutch_issue_threads_flat_slice(shared_dir, hashing_cfg, tmp_path):
    path = shared_dir / "datasets" / "dutch-issue-threads"
    if not path.is_dir():
        pytest.skip("dutch-issue-threads is not in ../shared")
    flat = dataset_evaluation(path, hashing_cfg, flat=True, limit_dialogues=3, database=tmp_path / "nl-flat.duckdb")
    c = flat["conversations"]
    assert c["gold_conversations"] == 3 and -1.0 <= c["ari"] <= 1.0 and c["baseline_best_gap_ari"] >= c["baseline_gap_ari"]["inf"]
    assert flat["reply_parents"]["pipeline"]["gold"] > 0
