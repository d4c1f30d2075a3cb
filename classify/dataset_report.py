"""The plain-text report of a dataset evaluation (``classify.dataset_eval.dataset_evaluation``)."""

from __future__ import annotations

from kennismaker.classify.evaluate import metrics_text

_BASELINE_NAMES = {"pipeline": "pipeline", "baseline_question_mark": "'?' -> question", "baseline_majority": "majority class",
                   "baseline_next_reply": "'?' + next reply", "baseline_no_reply": "no reply by another",
                   "baseline_previous_author": "previous other author"}


def _prf_table(title: str, block: dict, unit: str) -> str:
    lines = [f"== {title} ==", f"{'':<24}{'precision':>10}{'recall':>10}{'f1':>8}{'correct':>9}{'predicted':>11}{'gold':>7}"]
    for key, s in block.items():
        if isinstance(s, dict) and "precision" in s:
            lines.append(f"{_BASELINE_NAMES.get(key, key):<24}{s['precision']:>10.3f}{s['recall']:>10.3f}{s['f1']:>8.3f}{s['correct']:>9d}{s['predicted']:>11d}{s['gold']:>7d}")
    lines.append(f"(counted in {unit})")
    return "\n".join(lines)


def _label_table(name: str, block: dict) -> str:
    lines = [f"== labels, {name} (n={block['pipeline']['n']}) ==",
             f"{'':<24}{'macro-F1/5':>11}{'macro-F1/4':>11}{'q P':>7}{'q R':>7}{'q F1':>7}{'ans F1':>8}{'soc F1':>8}{'oth F1':>8}"]
    for key, m in block.items():
        c = m["per_class"]
        lines.append(f"{_BASELINE_NAMES[key]:<24}{m['macro_f1']:>11.3f}{m['macro_f1_classes']:>11.3f}"
                     f"{c['question']['precision']:>7.3f}{c['question']['recall']:>7.3f}{c['question']['f1']:>7.3f}"
                     f"{c['answer']['f1']:>8.3f}{c['social']['f1']:>8.3f}{c['other']['f1']:>8.3f}")
    return "\n".join(lines)


def _conversation_text(c: dict) -> str:
    return "\n".join([
        f"== conversations (flat; {c['messages']} messages, {c['gold_conversations']} gold, {c['predicted_conversations']} predicted) ==",
        f"pipeline adjusted Rand index: {c['ari']:.3f}",
        f"best time-gap split: {c['baseline_best_gap_ari']:.3f} (gap {c['baseline_best_gap_seconds']:g} s, chosen on this same data)",
        "time-gap grid (gap s = ARI): " + ", ".join(f"{float(g):g}={v:.3f}" for g, v in c["baseline_gap_ari"].items()),
    ])


def dataset_report(result: dict) -> str:
    """The whole dataset evaluation as plain text: tables with the baselines beside every figure."""
    d, run, labels = result["dataset"], result.get("run", {}), result["labels"]
    parts = [
        f"dataset {d['name']} ({d['path']}), split {d['split']}{' flat' if d['flat'] else ''}, language {d['lang']}: "
        f"{d['dialogues']} dialogues, {d['messages']} messages",
        f"gold null labels skipped {labels['skipped_null_gold']}, messages the pipeline left unlabelled {labels['unlabelled']} "
        f"(scored as other), detected language = {d['lang']} for {labels['lang_agreement']:.1%}",
    ]
    if run:
        c = run["classify"]
        parts[-1] += (f"\nembedder {run['embedder']}, head {', '.join(run['model_versions'])}, database {run['database']}; labelled {c['labelled']} "
                      f"({c['relabelled_with_context']} again with reconstructed replies), embedded {c['embedded']}, "
                      f"already labelled {c['skipped']}; ingest {run['ingest_seconds']:.1f} s, "
                      f"head ready {run['head_seconds']:.1f} s, classify and link {run['classify_seconds']:.1f} s: "
                      f"{run['messages_per_second']:.1f} messages/s (ingest + classify)")
    for name, block in labels["blocks"].items():
        parts.append(_label_table(name if name != "all" else f"all ({d['lang']} dataset)", block))
    parts.append(metrics_text("pipeline labels, all", labels["blocks"]["all"]["pipeline"]))
    parts.append(_prf_table("answer links (question_id, answer_id)", result["answer_links"], "pairs"))
    if result.get("unanswered"):
        u = result["unanswered"]
        parts.append(_prf_table(f"unanswered openers ({u['rule']}; {u['openers_listed_as_questions']} of "
                                f"{u['pipeline']['threads']} openers listed as questions)", u, "threads"))
        q = u.get("question_openers")
        if q:
            parts.append(_prf_table(f"unanswered openers, only the {q['pipeline']['threads']} threads the gold opens with a question",
                                    q, "threads"))
    if result.get("reply_parents"):
        parts.append(_prf_table("reply parents (flat)", result["reply_parents"], "messages"))
    if result.get("conversations"):
        parts.append(_conversation_text(result["conversations"]))
    return "\n\n".join(parts)
