"""Every sample in ../shared/samples/conformance/ through ``--format auto`` and the real loader (issue 17).

Each sample is ingested into a temporary DuckDB with every conversation kind allowed, so that all
real posts land in ``messages``; the stored counts of posts (system events out), threads, replies,
edits, deletions, mentions and links are compared with counts worked out here from the sample's
own JSON by the format's documented rules, written independently of the readers. No sample may
leave a quarantine row: they are all well-formed. A path that no registered reader sniffs must
fail with one "does not look like any supported export" sentence (checked on SOURCES.md, which
is no export). Each sample folder is passed as it is: the one that holds only slackdump's
export-compatible zip must be found by ``--format auto`` through the zip it holds.
The whole module skips when ../shared is absent.
"""

from __future__ import annotations

import gzip
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kennismaker.extract.load import ingest_export
from kennismaker.config import SourceConfig
from kennismaker.errors import UnknownFormatError
from kennismaker.store import open_store

pytestmark = pytest.mark.shared

ALL_KINDS = {"include_private_channels": True, "include_direct_messages": True, "include_group_chats": True}
STORED_COUNTS = """
SELECT count(*), count(DISTINCT thread_id), count(reply_to_id), count(edited_at),
       count(*) FILTER (WHERE is_deleted), coalesce(sum(len(mentions)), 0), coalesce(sum(len(urls)), 0)
FROM messages
"""
URL = re.compile(r"https?://[^\s<>\"')\]]+")


@dataclass(frozen=True)
class Counts:
    """What a sample should load as."""

    posts: int
    threads: int
    replies: int
    edits: int
    deletions: int
    mentions: int
    links: int


def tally(posts: list[dict]) -> Counts:
    """Counts of normalised posts: dicts with thread, reply, edited, deleted, mentions and links."""
    return Counts(
        posts=len(posts),
        threads=len({p["thread"] for p in posts}),
        replies=sum(bool(p["reply"]) for p in posts),
        edits=sum(bool(p["edited"]) for p in posts),
        deletions=sum(bool(p["deleted"]) for p in posts),
        mentions=sum(0 if p["deleted"] else len(p["mentions"]) for p in posts),
        links=sum(0 if p["deleted"] else len(p["links"]) for p in posts),
    )


def post(thread: Any, reply: Any = None, edited: Any = None, deleted: Any = None,
         mentions: set | None = None, links: set | None = None) -> dict:
    """One normalised post for ``tally``."""
    return {"thread": thread, "reply": reply, "edited": edited, "deleted": deleted,
            "mentions": mentions or set(), "links": links or set()}


def html_links(html: str) -> set[str]:
    """Web links of an HTML body: ``href`` and ``src`` values, except emoji and avatar pictures."""
    links = set()
    for tag in re.findall(r"<(?:a|img)\b[^>]*>", html or ""):
        if re.search(r'class="[^"]*(?:emoji|avatar)', tag):
            continue
        links.update(u for u in re.findall(r'(?:href|src)="(https?://[^"]+)"', tag))
    return links


# --- Slack: day files of an export (folder or zip) and slackdump chunk files ---------------------

# The documented post rule (as in test_shared_samples_slack_mm_discourse): every other subtype
# (channel_join, bot_add, channel_topic, ...) is a system event.
SLACK_POST_SUBTYPES = {None, "bot_message", "me_message", "file_share", "file_comment", "thread_broadcast", "tombstone"}


def slack_posts(messages: Iterator[tuple[str, dict]]) -> list[dict]:
    """Normalised posts of (channel, Slack message) pairs, each (channel, ts) once."""
    seen: dict[tuple, dict] = {}
    for channel, m in messages:
        if m.get("subtype") not in SLACK_POST_SUBTYPES:
            continue
        text, thread_ts = m.get("text") or "", m.get("thread_ts")
        seen[(channel, m["ts"])] = post(
            (channel, thread_ts or m["ts"]), reply=thread_ts and thread_ts != m["ts"], edited=m.get("edited"),
            deleted=m.get("subtype") == "tombstone", mentions=set(re.findall(r"<@([UW][A-Z0-9]+)", text)),
            links=set(re.findall(r"<(https?://[^|>]+)", text)),
        )
    return list(seen.values())


def slack_day_messages(files: dict[str, bytes]) -> Iterator[tuple[str, dict]]:
    """(channel folder, message) of every ``<channel>/<YYYY-MM-DD>.json`` day file."""
    for name, data in files.items():
        if re.fullmatch(r"(?:.*/)?[^/]+/\d{4}-\d{2}-\d{2}\.json", name):
            for m in json.loads(data):
                yield name.rsplit("/", 2)[-2], m


def slack_export(path: Path) -> Counts:
    """Counts of a Slack export folder, or of the one zip in it."""
    archives = list(path.glob("*.zip"))
    if archives:
        with zipfile.ZipFile(archives[0]) as zf:
            files = {n: zf.read(n) for n in zf.namelist() if n.endswith(".json")}
    else:
        files = {f.relative_to(path).as_posix(): f.read_bytes() for f in path.rglob("*.json")}
    return tally(slack_posts(slack_day_messages(files)))


def slackdump_chunks(path: Path) -> Counts:
    """Counts of slackdump chunk files: the messages of message (t 0) and thread (t 1) chunks."""
    def messages():
        for f in path.glob("*.jsonl.gz"):
            with gzip.open(f, "rt", encoding="utf-8") as fh:
                chunks = [json.loads(line) for line in fh]
            for chunk in chunks:
                if chunk.get("t") in (0, 1):
                    yield from ((chunk["id"], m) for m in chunk.get("m") or [])
    return tally(slack_posts(messages()))


# --- Microsoft Teams (Graph chatMessage JSON, camelCase or PascalCase) ---------------------------

def lower_keys(value: Any) -> Any:
    """``value`` with every dict key lower-cased (Graph property names are case-insensitive)."""
    if isinstance(value, dict):
        return {k.lower(): lower_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [lower_keys(v) for v in value]
    return value


def teams_graph(path: Path) -> Counts:
    """Counts of Graph chatMessage responses: a ``value`` list, a list, or one message per file."""
    messages: dict[str, dict] = {}
    for f in sorted(path.glob("*.json")):
        data = lower_keys(json.loads(f.read_text(encoding="utf-8")))
        items = data.get("value", [data]) if isinstance(data, dict) else data
        messages.update((m["id"], m) for m in items if isinstance(m, dict) and "body" in m)
    return tally([teams_post(m) for m in messages.values() if m.get("messagetype") == "message"])


def teams_post(m: dict) -> dict:
    """A normalised Teams post: a reply by ``replyToId`` or by quoting another message."""
    html = (m.get("body") or {}).get("content") or ""
    quotes = 'itemtype="http://schema.skype.com/Reply"' in html or any(
        a.get("contenttype") == "messageReference" for a in m.get("attachments") or [])
    users = {((x.get("mentioned") or {}).get("user") or {}).get("id") for x in m.get("mentions") or []}
    return post(m.get("replytoid") or m["id"], reply=m.get("replytoid") or quotes, edited=m.get("lastediteddatetime"),
                deleted=m.get("deleteddatetime"), mentions=users - {None}, links=html_links(html))


# --- Mattermost bulk export (JSON lines) ---------------------------------------------------------

GREETINGS = ("hey", "hi", "hello", "hoi", "hallo")
USERNAME = r"([\w.\-]*[\w\-])"  # a username does not end in the sentence's full stop


def mattermost_bulk(path: Path) -> Counts:
    """Counts of a bulk export: posts and direct posts with their replies, system posts out."""
    records = [json.loads(line) for f in sorted(path.iterdir()) for line in f.open(encoding="utf-8") if line.strip()]
    names = {r["user"]["username"].lower() for r in records if r["type"] == "user"}
    for r in records:
        if r["type"] == "direct_channel":
            names |= {p["username"].lower() for p in r["direct_channel"].get("participants") or []}
            names |= {u.lower() for u in r["direct_channel"].get("members") or []}
    posts = []
    for i, r in enumerate(records):
        if r["type"] in ("post", "direct_post"):
            root = r[r["type"]]
            for j, p in enumerate([root, *(root.get("replies") or [])]):
                if not str(p.get("type") or "").startswith("system_"):
                    posts.append(mattermost_post(p, i, j, names))
    return tally(posts)


def mattermost_post(p: dict, root: int, number: int, names: set[str]) -> dict:
    """A normalised Mattermost post: ``@username`` of a known user, or a greeting and the name."""
    text = p.get("message") or ""
    named = {n.lower() for n in re.findall("@" + USERNAME, text)}
    greeted = re.match(rf"(?i)(?:{'|'.join(GREETINGS)})\s+{USERNAME}", text)
    named |= {greeted.group(1).lower()} if greeted else set()
    return post(root, reply=number > 0, edited=p.get("edit_at"), deleted=p.get("delete_at"),
                mentions=named & names, links=set(URL.findall(text)))


# --- Discourse (topic files and /posts.json pages) -----------------------------------------------

def discourse_json(path: Path) -> Counts:
    """Counts of topic files and posts pages: regular posts (post_type 1), each (topic, number) once."""
    posts: dict[tuple, dict] = {}
    for f in sorted(path.glob("*.json")):
        data = json.loads(f.read_text(encoding="utf-8"))
        if "post_stream" in data:
            items = [dict(p, topic_id=p.get("topic_id", data.get("id"))) for p in data["post_stream"]["posts"]]
        else:
            items = data.get("latest_posts") or data.get("private_posts") or []
        for p in items:
            if p.get("post_type") == 1:
                cooked = p.get("cooked") or ""
                posts[(p["topic_id"], p["post_number"])] = post(
                    p["topic_id"], reply=p["post_number"] > 1, edited=(p.get("version") or 1) > 1,
                    deleted=p.get("deleted_at"), mentions=set(re.findall(r'class="mention"[^>]*>@?([^<]+)<', cooked)),
                    links=html_links(cooked))
    return tally(list(posts.values()))


# --- DiscordChatExporter JSON and Gitter ---------------------------------------------------------

def discord_chat_exporter(path: Path) -> Counts:
    """Counts of DiscordChatExporter files: Default and Reply messages (joins, pins, ... out)."""
    posts = []
    for f in sorted(path.glob("*.json")):
        messages = [m for m in json.loads(f.read_text(encoding="utf-8"))["messages"] if m["type"] in ("Default", "Reply")]
        parent = {m["id"]: (m.get("reference") or {}).get("messageId") for m in messages}
        for m in messages:
            root = m["id"]
            while parent.get(root) in parent:
                root = parent[root]
            users = {u["id"] for u in m.get("mentions") or []} | set(re.findall(r"<@!?(\w+)>", m["content"]))
            links = set(URL.findall(m["content"])) | {e["url"] for e in m.get("embeds") or [] if e.get("url")}
            posts.append(post(root, reply=m.get("reference"), edited=m.get("timestampEdited"),
                              mentions=users, links=links))
    return tally(posts)


def gitter_room(path: Path) -> Counts:
    """Counts of Gitter message lists: each record a post, threads by ``parentId``."""
    posts = []
    for f in sorted(path.glob("*.json")):
        for i, m in enumerate(json.loads(f.read_text(encoding="utf-8"))):
            users = {u.get("userId") for u in m.get("mentions") or []} - {None}
            links = {u["url"] if isinstance(u, dict) else u for u in m.get("urls") or []}
            posts.append(post(m.get("parentId") or (f.name, i), reply=m.get("parentId"), edited=m.get("editedAt"),
                              mentions=users, links=links))
    return tally(posts)


# --- the samples ---------------------------------------------------------------------------------

SAMPLES: dict[str, Callable[[Path], Counts]] = {
    "discord/zulip-dce-general": discord_chat_exporter,
    "discourse/discourse-api-posts_latest": discourse_json,
    "discourse/discourse-api-topic": discourse_json,
    "discourse/discourse-api-topic_posts": discourse_json,
    "gitter/zulip-gitter-data": gitter_room,
    "mattermost/zulip-direct-channel": mattermost_bulk,
    "mattermost/zulip-mmctl-v11-subset": mattermost_bulk,
    "slack/slackdump-chunks-jsonl": slackdump_chunks,
    "slack/slackdump-source-export": slack_export,
    "slack/zulip-exported-messages": slack_export,
    "slack/zulip-test-slack-importer": slack_export,
    "teams-export/zulip-teamsdataexport-pascalcase": teams_graph,
    "teams-graph/graph-docs-beta-channel-getallmessages": teams_graph,
    "teams-graph/graph-docs-beta-chats-getallmessages": teams_graph,
    "teams-graph/graph-docs-contrib-v1-chat-list-messages-sysevent": teams_graph,
    "teams-graph/graph-docs-v1-chat-list-messages": teams_graph,
    "teams-graph/graph-docs-v1-chatmessage-delta": teams_graph,
    "teams-graph/graph-docs-v1-chatmessage-get": teams_graph,
    "teams-graph/graph-docs-v1-chatmessage-list-replies": teams_graph,
}


@pytest.fixture
def conformance_dir(shared_dir) -> Path:
    path = shared_dir / "samples" / "conformance"
    if not path.is_dir():
        pytest.skip("../shared/samples/conformance is not present")
    return path


def test_every_sample_folder_is_listed(conformance_dir):
    assert sorted(f"{p.parent.name}/{p.name}" for p in conformance_dir.glob("*/*") if p.is_dir()) == sorted(SAMPLES)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_loads_with_the_right_counts(name, conformance_dir, make_config):
    expected = SAMPLES[name](conformance_dir / name)
    assert expected.posts > 0
    cfg = make_config(privacy=ALL_KINDS)
    with open_store(cfg.database) as con:
        summary = ingest_export(con, SourceConfig(name="sample", path=conformance_dir / name, format="auto"), cfg)
        stored = Counts(*con.execute(STORED_COUNTS).fetchone())
        quarantine = con.execute("SELECT file, position, reason FROM quarantine").fetchall()
    assert quarantine == []
    assert summary.messages_read == expected.posts
    assert stored == expected


def test_a_file_that_is_not_an_export_gets_one_sentence(conformance_dir, make_config):
    cfg = make_config()
    with open_store(cfg.database) as con, pytest.raises(UnknownFormatError) as caught:
        ingest_export(con, SourceConfig(name="notes", path=conformance_dir / "SOURCES.md", format="auto"), cfg)
    message = str(caught.value)
    assert "does not look like any supported export" in message and "--format" in message
    assert "\n" not in message and message.endswith(".") and not re.search(r"[.!?]\s+[A-Z]", message)
