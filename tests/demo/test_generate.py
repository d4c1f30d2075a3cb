"""Tests for the demo generator: determinism, the three export formats, truth consistency, streaming."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from kennismaker.demo.generate import generate_demo
from kennismaker.demo.write_yammer import MESSAGE_COLUMNS

SIZE = 3000
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    """One default-size run shared by the read-only tests."""
    out = tmp_path_factory.mktemp("demo")
    generate_demo(out, messages=SIZE, seed=42)
    return out


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def slack_containers(root: Path) -> dict[str, str]:
    """Folder name -> channel id, from the four Slack directory files."""
    slack = root / "slack"
    folders = {c["name"]: c["id"] for name in ("channels.json", "groups.json", "mpims.json")
               for c in json.loads((slack / name).read_text(encoding="utf-8"))}
    folders.update({d["id"]: d["id"] for d in json.loads((slack / "dms.json").read_text(encoding="utf-8"))})
    return folders


def slack_messages(root: Path) -> dict[str, dict]:
    """Reader-style id -> Slack message, checking day-file order and ts uniqueness on the way."""
    found = {}
    for folder, channel_id in slack_containers(root).items():
        for day_file in sorted((root / "slack" / folder).glob("*.json")):
            day = json.loads(day_file.read_text(encoding="utf-8"))
            stamps = [m["ts"] for m in day]
            assert stamps == sorted(stamps, key=float), day_file
            for message in day:
                key = f"slack:{channel_id}:{message['ts']}"
                assert key not in found
                found[key] = message
    return found


def teams_messages(root: Path) -> dict[str, dict]:
    found = {}
    for message in read_jsonl(root / "teams" / "messages.jsonl"):
        container = (message["channelIdentity"] or {}).get("channelId") or message["chatId"]
        key = f"teams:{container}:{message['id']}"
        assert key not in found
        found[key] = message
    return found


def yammer_rows(root: Path) -> list[dict]:
    with (root / "yammer" / "Messages.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_same_seed_gives_identical_bytes(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    generate_demo(first, messages=1500, seed=7)
    generate_demo(second, messages=1500, seed=7)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_other_seed_gives_other_data(tmp_path):
    generate_demo(tmp_path / "a", messages=500, seed=1)
    generate_demo(tmp_path / "b", messages=500, seed=2)
    truth = "truth/messages.jsonl"
    assert (tmp_path / "a" / truth).read_bytes() != (tmp_path / "b" / truth).read_bytes()


def test_summary_counts_match_request(demo_dir):
    summary = json.loads((demo_dir / "truth" / "summary.json").read_text())
    assert summary["messages"] == SIZE
    assert len(read_jsonl(demo_dir / "truth" / "messages.jsonl")) == SIZE
    assert summary["messages_slack"] and summary["messages_teams"] and summary["messages_yammer"]
    assert 40 <= summary["people"] <= 80


def test_slack_export_layout(demo_dir):
    slack = demo_dir / "slack"
    users = json.loads((slack / "users.json").read_text(encoding="utf-8"))
    assert sum(u["is_bot"] for u in users) == 2
    assert all(u["profile"]["email"].endswith("@waterland.example") for u in users if not u["is_bot"])
    messages = slack_messages(demo_dir)
    subtypes = Counter(m.get("subtype") for m in messages.values())
    for subtype in ("channel_join", "bot_message", "file_share", "tombstone", "thread_broadcast"):
        assert subtypes[subtype] > 0, subtype
    assert any("reactions" in m for m in messages.values())
    assert any("edited" in m for m in messages.values())
    assert any("<@U" in m.get("text", "") for m in messages.values())
    assert any("<https://" in m.get("text", "") for m in messages.values())
    roots = [m for m in messages.values() if m.get("reply_count")]
    assert roots and all(len(m["replies"]) == m["reply_count"] for m in roots)


def test_flat_channel_has_no_threads(demo_dir):
    channel_id = slack_containers(demo_dir)["vragenuur"]
    flat = [m for k, m in slack_messages(demo_dir).items() if k.startswith(f"slack:{channel_id}:")]
    assert flat and not any("thread_ts" in m for m in flat)
    truth = [r for r in read_jsonl(demo_dir / "truth" / "messages.jsonl") if f":{channel_id}:" in r["message_id"]]
    by_id = {r["message_id"]: r for r in truth}
    answers = [r for r in truth if r["kind"] == "answer"]
    assert answers
    for answer in answers:
        assert answer["thread_id"] == answer["message_id"]
        assert by_id[answer["conversation_id"]]["kind"] == "question"
    assert any(slack_messages(demo_dir)[r["message_id"]]["text"].startswith("<@") for r in answers)


def test_teams_messages_are_graph_shaped(demo_dir):
    channels = json.loads((demo_dir / "teams" / "channels.json").read_text(encoding="utf-8"))["value"]
    chats = json.loads((demo_dir / "teams" / "chats.json").read_text(encoding="utf-8"))["value"]
    assert {c["membershipType"] for c in channels} == {"standard", "private"}
    assert {c["chatType"] for c in chats} == {"oneOnOne", "group"}
    messages = list(teams_messages(demo_dir).values())
    assert {m["messageType"] for m in messages} == {"message", "systemEventMessage"}
    assert any(m["from"] and m["from"]["application"] for m in messages)
    assert any(m["mentions"] and '<at id="0">' in m["body"]["content"] for m in messages)
    assert any(m["deletedDateTime"] for m in messages) and any(m["lastEditedDateTime"] for m in messages)
    assert any(m["attachments"] for m in messages) and any(m["reactions"] for m in messages)
    replies = [m for m in messages if m["replyToId"]]
    assert replies and all(m["channelIdentity"] for m in replies)
    assert all(m["createdDateTime"].endswith("Z") for m in messages)


def test_yammer_csv_has_bom_quoting_and_versions(demo_dir):
    raw = (demo_dir / "yammer" / "Messages.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    for name in ("Users.csv", "Groups.csv"):
        assert (demo_dir / "yammer" / name).read_bytes().startswith(b"\xef\xbb\xbf")
    rows = yammer_rows(demo_dir)
    assert tuple(rows[0].keys()) == MESSAGE_COLUMNS
    assert any("\n" in r["body"] for r in rows)
    assert any("[[user:" in r["body"] for r in rows)
    assert any(r["attachments"].startswith("opengraphobject:[https://") for r in rows)
    assert any(r["attachments"].startswith("uploadedfile:") for r in rows)
    starters = [r for r in rows if not r["replied_to_id"]]
    assert all(r["thread_id"] == r["id"] for r in starters)
    versions = Counter(r["id"] for r in rows)
    edited = [i for i, n in versions.items() if n > 1]
    assert edited
    last_row = {r["id"]: r for r in rows}
    truth = {r["message_id"]: r for r in read_jsonl(demo_dir / "truth" / "messages.jsonl")}
    assert all(f"yammer:{i}" in truth for i in last_row)
    assert all(r["created_at"].endswith(" UTC") for r in rows)


def test_truth_ids_are_unique_and_match_the_files(demo_dir):
    truth = read_jsonl(demo_dir / "truth" / "messages.jsonl")
    ids = [r["message_id"] for r in truth]
    assert len(ids) == len(set(ids))
    in_files = set(slack_messages(demo_dir)) | set(teams_messages(demo_dir))
    in_files |= {f"yammer:{r['id']}" for r in yammer_rows(demo_dir)}
    assert set(ids) == in_files
    known = set(ids)
    assert all(r["conversation_id"] in known and r["thread_id"] in known for r in truth)
    assert all(r["reply_to_id"] is None or r["reply_to_id"] in known for r in truth)
    threads = read_jsonl(demo_dir / "truth" / "threads.jsonl")
    assert {t["conversation_id"] for t in threads} == {r["conversation_id"] for r in truth}


def test_private_channels_and_dms_exist_and_are_marked(demo_dir):
    slack = demo_dir / "slack"
    for name, count in (("groups.json", 2), ("dms.json", 4), ("mpims.json", 2)):
        assert len(json.loads((slack / name).read_text(encoding="utf-8"))) == count
    threads = read_jsonl(demo_dir / "truth" / "threads.jsonl")
    private = {t["channel_id"] for t in threads if t["private"]}
    groups = [c["id"] for c in json.loads((slack / "groups.json").read_text(encoding="utf-8"))]
    dms = [c["id"] for c in json.loads((slack / "dms.json").read_text(encoding="utf-8"))]
    assert set(groups + dms) <= private
    rows = yammer_rows(demo_dir)
    assert any(r["in_private_group"] == "true" for r in rows)
    assert any(r["in_private_conversation"] == "true" for r in rows)
    assert {t["source"] for t in threads if t["private"]} == {"slack", "teams", "yammer"}


def test_language_split_is_about_sixty_forty(demo_dir):
    human = [r for r in read_jsonl(demo_dir / "truth" / "messages.jsonl") if r["kind"] not in ("system", "bot")]
    share_en = sum(r["lang"] == "en" for r in human) / len(human)
    assert 0.32 <= share_en <= 0.48


def test_some_questions_unanswered_and_families_repeat(demo_dir):
    questions = [t for t in read_jsonl(demo_dir / "truth" / "threads.jsonl") if t["question_id"]]
    reasons = Counter(t["unanswered_reason"] for t in questions if not t["answered"])
    assert set(reasons) == {"no_replies", "no_answer", "only_asker"}
    assert 0.1 <= sum(reasons.values()) / len(questions) <= 0.25
    askers: dict[str, set[str]] = {}
    for t in questions:
        askers.setdefault(t["family_id"], set()).add(t["asker"])
    repeated = [f for f, people in askers.items() if len(people) >= 3]
    assert len(repeated) >= 20


def peak_rss_kb(out: Path, messages: int) -> int:
    """Peak resident memory of a separate generator process (Linux reports kilobytes)."""
    script = (
        "import resource, sys; from pathlib import Path; from demo.generate import generate_demo; "
        f"generate_demo(Path(sys.argv[1]), messages={messages}, seed=3); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    done = subprocess.run([sys.executable, "-c", script, str(out)], cwd=ROOT, capture_output=True, text=True,
                          check=True)
    return int(done.stdout.split()[-1])


def test_twenty_thousand_messages_stream(tmp_path):
    small = peak_rss_kb(tmp_path / "small", 2_000)
    large = peak_rss_kb(tmp_path / "large", 20_000)
    summary = json.loads((tmp_path / "large" / "truth" / "summary.json").read_text())
    assert summary["messages"] == 20_000
    with (tmp_path / "large" / "truth" / "messages.jsonl").open(encoding="utf-8") as handle:
        assert sum(1 for _ in handle) == 20_000
    assert large - small < 15_000, (small, large)
