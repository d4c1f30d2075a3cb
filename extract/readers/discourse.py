"""Reader for Discourse topics as ``/t/{id}.json`` returns them (``discourse_topic.v1``).

The path is one topic file, or a folder or zip of them; pages of latest posts across topics, as
``/posts.json`` returns them (``latest_posts``; ``/private-posts.json`` gives ``private_posts``),
may be among them or stand alone. Their posts are grouped by ``topic_id`` into the same threads
and message ids as topic files give (``discourse:{topic_id}:{post_number}``), so topic files and
posts pages of one forum do not duplicate. Posts of a ``private_posts`` page are private-message
chats (``discourse:pm:{topic_id}``, stored as direct: the page does not say who may read them).
Real samples: the recorded API responses in discourse_api's spec fixtures. A ``categories.json`` (as
``/categories.json`` returns it) or ``site.json`` next to the topics tells which categories are
read-restricted; topics in those are private, private-message topics are direct or group chats,
everything else is public. A topic response without ``category_id`` (``/t/{id}/posts.json``)
takes the category of its posts, else the channel ``discourse:category:unknown``. Pictures
(not emoji or avatars) count as attachments and their links are kept in ``urls``. Each topic
file is read on its own. Mentions are the cooked
``a.mention`` links and names typed without them ("@Anna de Vries", "bram: ..."), resolved
against the topic's participants and every poster seen so far (``extract.typed_mentions``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
from selectolax.lexbor import LexborHTMLParser

from kennismaker.extract.readers.base import EXCERPT_CHARS, RawBatches, ReadContext, json_file, sniff_tree, utc_from_iso
from kennismaker.extract.text import html_to_text
from kennismaker.extract.tree import ExportTree
from kennismaker.extract.typed_mentions import PeopleNames
from kennismaker.errors import NotAnExportError

_SITE_FILES = ("categories.json", "site.json")
_MARKS = (b'"post_stream"', b'"latest_posts"', b'"private_posts"')
_PAGE_KEYS = {"latest_posts": False, "private_posts": True}  # key -> whether its posts are private messages
_SNIFF_BYTES = 1024 * 1024
_SNIFF_FILES = 5
_REGULAR_POST = 1
UNKNOWN_CATEGORY = "unknown"  # channel id part of a topic whose category is not in the file
_LIKE = 2


class BadRecord(ValueError):
    """A topic or post that cannot be read; the message is the reason."""


@dataclass(frozen=True)
class Category:
    """What the reader needs of a category: its name and whether reading is restricted."""

    name: str | None
    restricted: bool


@dataclass
class Seen:
    """Conversations and people already emitted (topics share categories and posters), and their names."""

    channels: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    names: PeopleNames = field(default_factory=PeopleNames)


class DiscourseTopicReader:
    """The ``discourse_topic.v1`` reader plugin."""

    name = "discourse_topic.v1"
    source = "discourse"

    def sniff(self, path: Path) -> bool:
        """Whether ``path`` is (or holds) a topic JSON file (``post_stream``) or a posts page."""
        return sniff_tree(path, lambda tree: any(_looks_like_export(tree, n) for n in _export_files(tree)[:_SNIFF_FILES]))

    def read(self, path: Path, ctx: ReadContext) -> Iterator[pa.RecordBatch]:
        """Stream channels, people, posts and quarantined topics, pages or posts."""
        out = RawBatches(self.source, ctx.batch_size)
        seen = Seen()
        with ExportTree(path, ctx.limits) as tree:
            files = _export_files(tree)
            if not any(_looks_like_export(tree, n) for n in files):
                raise NotAnExportError(
                    f"{path} holds no Discourse topic JSON (no post_stream) or posts page (no latest_posts); "
                    "pass a file saved from /t/{id}.json or /posts.json (or a folder of them), or choose another --format."
                )
            categories = yield from _categories(tree, out)
            for name in files:
                yield from _export_file(tree, name, categories, seen, out)
        yield from out.flush()


def _export_files(tree: ExportTree) -> list[str]:
    return [n for n in tree.names() if n.lower().endswith(".json") and n.rsplit("/", 1)[-1] not in _SITE_FILES]


def _looks_like_export(tree: ExportTree, name: str) -> bool:
    with tree.open(name) as fh:
        head = fh.read(_SNIFF_BYTES)
    return any(mark in head for mark in _MARKS)



def _categories(tree: ExportTree, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """Category id -> Category from ``categories.json`` / ``site.json`` at any level (may be empty)."""
    found: dict[int, Category] = {}
    for name in tree.names():
        if name.rsplit("/", 1)[-1] not in _SITE_FILES:
            continue
        data = yield from json_file(tree, name, out)
        if isinstance(data, dict):
            listing = data.get("category_list") if isinstance(data.get("category_list"), dict) else data
            _collect_categories(listing.get("categories"), found)
    return found


def _collect_categories(items: Any, found: dict[int, Category]) -> None:
    for cat in items if isinstance(items, list) else []:
        if isinstance(cat, dict) and isinstance(cat.get("id"), int):
            found[cat["id"]] = Category(cat.get("name") or cat.get("slug"), bool(cat.get("read_restricted")))
            _collect_categories(cat.get("subcategory_list"), found)


def _export_file(tree: ExportTree, name: str, categories: dict[int, Category], seen: Seen, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """Channel, people and message rows of one topic file or posts page."""
    where = tree.describe(name)
    data = yield from json_file(tree, name, out)
    if data is None:
        return
    page = posts_page(data)
    if page is not None:
        yield from _posts_page(where, *page, categories, seen, out)
        return
    posts = topic_posts(data)
    if posts is None:
        yield from out.quarantine(where, 0, "not a Discourse topic (no id or post_stream.posts)", json.dumps(data)[:EXCERPT_CHARS])
        return
    conversation = topic_conversation(data, categories)
    _participant_names(data, seen.names)
    for i, post in enumerate(posts):
        yield from _post(where, i, post, data["id"], conversation, seen, out)


def _post(where: str, i: int, post: Any, topic_id: Any, conversation: tuple[str, str | None, str], seen: Seen, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """The channel (first time), poster (first time) and message rows of one post, or its quarantine row."""
    channel_id, channel_name, kind = conversation
    try:
        if not isinstance(topic_id, int):
            raise BadRecord("post has no topic_id")
        row = post_row(post, topic_id, channel_id, kind)
    except BadRecord as exc:
        yield from out.quarantine(where, f"post {i}", str(exc), json.dumps(post, ensure_ascii=False))
        return
    if row is None:
        return
    if channel_id not in seen.channels:
        seen.channels.add(channel_id)
        yield from out.channel(channel_id, channel_name, kind)
    _user_names(post, seen.names)
    row["mentions"] = seen.names.mentions(row["mentions"], row["text"], row["author_id"])
    yield from _poster(post, row, seen, out)
    yield from out.message(channel_name=channel_name, raw_ref=f"{where}#post {i}", **row)


def posts_page(data: Any) -> tuple[list, bool] | None:
    """(posts, whether they are private messages) of a ``/posts.json`` page; None for anything else."""
    if not isinstance(data, dict) or "post_stream" in data:
        return None
    for key, private in _PAGE_KEYS.items():
        if isinstance(data.get(key), list):
            return data[key], private
    return None


def _posts_page(where: str, posts: list, private: bool, categories: dict[int, Category], seen: Seen, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """The rows of a page of posts from many topics, each post in its own topic's thread."""
    for i, post in enumerate(posts):
        topic_id = post.get("topic_id") if isinstance(post, dict) else None
        conversation = page_post_conversation(post, private, categories) if isinstance(topic_id, int) else (None, None, None)
        yield from _post(where, i, post, topic_id, conversation, seen, out)


def page_post_conversation(post: dict, private: bool, categories: dict[int, Category]) -> tuple[str, str | None, str]:
    """(channel_id, name, kind) of a posts-page post: the same conversation its topic file gives."""
    if private:
        return f"discourse:pm:{post['topic_id']}", None, "direct"
    cid = post.get("category_id") if isinstance(post.get("category_id"), int) else None
    return category_conversation(cid, categories)


def _participant_names(topic: dict, names: PeopleNames) -> None:
    """Register the names of the people ``details.participants`` lists (when the topic JSON has it)."""
    details = topic.get("details") if isinstance(topic.get("details"), dict) else {}
    participants = details.get("participants")
    for user in participants if isinstance(participants, list) else []:
        if isinstance(user, dict):
            _user_names(user, names)


def _user_names(user: dict, names: PeopleNames) -> None:
    """Register a poster's or participant's username and full name under ``discourse:{username}``."""
    username = user.get("username")
    if isinstance(username, str) and username:
        names.add(f"discourse:{username.lower()}", username, user.get("name"))


def topic_posts(data: Any) -> list | None:
    """The posts of a topic response; None when ``data`` has no topic id or post list."""
    if not isinstance(data, dict) or not isinstance(data.get("id"), int) or not isinstance(data.get("post_stream"), dict):
        return None
    posts = data["post_stream"].get("posts")
    return posts if isinstance(posts, list) else None


def topic_conversation(topic: dict, categories: dict[int, Category]) -> tuple[str, str | None, str]:
    """(channel_id, name, kind) of a topic: its category, or the private-message chat itself."""
    if topic.get("archetype") == "private_message":
        details = topic.get("details") if isinstance(topic.get("details"), dict) else {}
        users, groups = details.get("allowed_users") or [], details.get("allowed_groups") or []
        kind = "direct" if len(users) <= 2 and not groups else "group"
        return f"discourse:pm:{topic['id']}", None, kind
    return category_conversation(topic_category_id(topic), categories)


def category_conversation(cid: int | None, categories: dict[int, Category]) -> tuple[str, str | None, str]:
    """(channel_id, name, kind) of a category id (None: the unknown category), private when read-restricted."""
    category = categories.get(cid, Category(None, False))
    return f"discourse:category:{UNKNOWN_CATEGORY if cid is None else cid}", category.name, "private" if category.restricted else "public"


def topic_category_id(topic: dict) -> int | None:
    """The topic's ``category_id``, else the first one its posts carry; None when neither says."""
    if isinstance(topic.get("category_id"), int):
        return topic["category_id"]
    posts = topic_posts(topic) or []
    return next((p["category_id"] for p in posts if isinstance(p, dict) and isinstance(p.get("category_id"), int)), None)


def post_row(post: Any, topic_id: int, channel_id: str, kind: str) -> dict[str, Any] | None:
    """The raw message row of a post; None for a small action, moderator note or whisper."""
    if not isinstance(post, dict):
        raise BadRecord("post is not a JSON object")
    number, created = post.get("post_number"), post.get("created_at")
    if not isinstance(number, int) or not isinstance(created, str):
        raise BadRecord("post has no post_number or created_at")
    if post.get("post_type", _REGULAR_POST) != _REGULAR_POST:
        return None
    try:
        created_at = utc_from_iso(created)
        edited_at = utc_from_iso(post.get("updated_at")) if (post.get("version") or 1) > 1 else None
    except (TypeError, ValueError) as exc:
        raise BadRecord(f"post has an unreadable time: {exc}") from exc
    reply_to = post.get("reply_to_post_number") or 1
    # Discourse usernames are case-insensitive; ids use the lower-case form, as mentions do.
    username = post["username"].lower() if isinstance(post.get("username"), str) and post["username"] else None
    row = {
        "message_id": f"discourse:{topic_id}:{number}",
        "channel_id": channel_id,
        "channel_kind": kind,
        "thread_id": f"discourse:{topic_id}:1",
        "reply_to_id": f"discourse:{topic_id}:{reply_to}" if number > 1 else None,
        "author_id": f"discourse:{username}" if username else None,
        "is_bot": isinstance(post.get("user_id"), int) and post["user_id"] <= 0,
        "created_at": created_at,
        "edited_at": edited_at,
        "marked_answer": post.get("accepted_answer") is True,
    }
    row.update(_reactions(post))
    row.update(_content(post))
    return row


def _reactions(post: dict) -> dict[str, Any]:
    """Reactions (discourse-reactions plugin) or else likes from ``actions_summary``."""
    reactions = [r for r in post.get("reactions") or [] if isinstance(r, dict) and isinstance(r.get("id"), str)]
    if reactions:
        total = sum(r.get("count") for r in reactions if isinstance(r.get("count"), int))
        return {"reaction_count": total, "reactions": list(dict.fromkeys(r["id"] for r in reactions))}
    likes = sum(
        a.get("count") or 0 for a in post.get("actions_summary") or [] if isinstance(a, dict) and a.get("id") == _LIKE
    )
    return {"reaction_count": likes, "reactions": ["like"] if likes else []}


def _content(post: dict) -> dict[str, Any]:
    """Text, links, mentions and attachments of the cooked HTML; a deleted post keeps none."""
    if post.get("deleted_at"):
        return {"is_deleted": True, "text": "", "urls": [], "mentions": [], "attachment_count": 0}
    cooked = post.get("cooked") if isinstance(post.get("cooked"), str) else ""
    body = html_to_text(cooked)
    tree = LexborHTMLParser(cooked or "<p></p>")
    mentions = [a.text(strip=True).lstrip("@").lower() for a in tree.css("a.mention")]
    attachments = len(tree.css("a.attachment")) + body.image_count
    return {
        "is_deleted": False,
        "text": body.text,
        "urls": list(dict.fromkeys(body.urls + body.image_urls)),
        "mentions": [f"discourse:{m}" for m in dict.fromkeys(mentions) if m],
        "attachment_count": attachments,
    }


def _poster(post: dict, row: dict, seen: Seen, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """A person row the first time a poster is seen."""
    author = row["author_id"]
    if author and author not in seen.people:
        seen.people.add(author)
        yield from out.person(author, post.get("name") or post.get("username"), None, row["is_bot"])


READER = DiscourseTopicReader()
