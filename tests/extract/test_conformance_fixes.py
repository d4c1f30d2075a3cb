"""The seven reader fixes of issue 17's conformance run, each on a hand-made fixture and on the real sample.

Hand-made fixtures are in tests/fixtures/conformance/; the real samples in
../shared/samples/conformance/ (tests marked ``shared`` skip when it is absent).
"""

from __future__ import annotations

import json

import pytest

from kennismaker.extract.load import ingest_export
from kennismaker.extract.readers import sniff_reader
from kennismaker.extract.readers.base import ReadContext
from kennismaker.extract.readers.discourse import READER as DISCOURSE
from kennismaker.extract.readers.mattermost import READER as MATTERMOST
from kennismaker.extract.readers.slack import READER as SLACK
from kennismaker.extract.readers.teams import READER as TEAMS
from kennismaker.extract.readers.teams_message import chat_kind_of_id, graph_names
from kennismaker.config import SourceConfig
from kennismaker.schema import RAW_SCHEMAS, raw_kind
from kennismaker.store import open_store
from tests.conftest import FIXTURES
from tests.extract.helpers import read_tables

HERE = FIXTURES / "conformance"
SANNE = "aaaa1111-0000-4000-8000-000000000001"
JOOST = "aaaa1111-0000-4000-8000-000000000002"
GROUP = "19:3f0c2a9e6d5b4c1a8e7f6a5b4c3d2e1f@thread.v2"
ONE_ONE = f"19:{SANNE}_{JOOST}@unq.gbl.spaces"


def conformance(shared_dir, relative: str):
    """A sample under ../shared/samples/conformance, or skip when it is not there."""
    path = shared_dir / "samples" / "conformance" / relative
    if not path.exists():
        pytest.skip(f"samples/conformance/{relative} is not in ../shared")
    return path


def by_id(tables: dict[str, list[dict]]) -> dict[str, dict]:
    return {m["message_id"]: m for m in tables["messages"]}


def tables_with(reader, path, ctx: ReadContext) -> dict[str, list[dict]]:
    """Everything a reader yields with a given read context, as rows per raw kind (schemas checked)."""
    tables: dict[str, list[dict]] = {}
    for batch in reader.read(path, ctx):
        kind = raw_kind(batch.schema)
        assert batch.schema.equals(RAW_SCHEMAS[kind], check_metadata=True)
        tables.setdefault(kind, []).extend(batch.to_pylist())
    return tables


# --- 1. Teams: PascalCase property names -------------------------------------------------------


def test_graph_names_lower_only_the_first_letter_of_keys():
    value = {"Id": "1", "Body": {"ContentType": "html", "Content": "<p>Id</p>"}, "Mentions": [{"Id": 0}], "@odata.type": "x"}
    assert graph_names(value) == {"id": "1", "body": {"contentType": "html", "content": "<p>Id</p>"}, "mentions": [{"id": 0}], "@odata.type": "x"}


def test_pascalcase_export_reads_like_graph():
    folder = HERE / "teams-pascalcase"
    assert TEAMS.sniff(folder) and sniff_reader(folder).name == "teams_graph.v1"
    tables = read_tables(TEAMS, folder)
    msgs = by_id(tables)
    channel = "teams:19:personeelszaken@thread.tacv2"
    assert sorted(msgs) == [f"{channel}:7001", f"{channel}:7002"]  # the system event is out
    reply = msgs[f"{channel}:7002"]
    assert reply["text"] == "Op de HR-pagina, onder Formulieren."
    assert reply["urls"] == ["https://intranet.example.nl/hr/thuiswerken"]
    assert (reply["thread_id"], reply["reply_to_id"]) == (f"{channel}:7001", f"{channel}:7001")
    assert reply["author_id"] == f"teams:{JOOST}" and reply["edited_at"] is not None
    assert msgs[f"{channel}:7001"]["reactions"] == ["like"]
    # channels_{team}.json is the channel list, not messages: the name is used, nothing is quarantined.
    assert tables["channels"] == [{"source": "teams", "channel_id": channel, "name": "Personeelszaken", "kind": "public"}]
    assert not tables.get("quarantine")


@pytest.mark.shared
def test_pascalcase_sample_loads(shared_dir):
    folder = conformance(shared_dir, "teams-export/zulip-teamsdataexport-pascalcase")
    raw = json.loads(next(folder.glob("messages_*.json")).read_text(encoding="utf-8"))
    posts = [m for m in raw if m["MessageType"] == "message"]
    assert sniff_reader(folder).name == "teams_graph.v1"
    tables = read_tables(TEAMS, folder, batch_size=50)
    assert [m["message_id"].rsplit(":", 1)[1] for m in tables["messages"]] == [m["Id"] for m in posts]
    assert [m["text"] for m in tables["messages"]] == ["asdad"]
    assert tables["messages"][0]["author_id"] == "teams:" + posts[0]["From"]["User"]["Id"]
    assert [c["name"] for c in tables["channels"]] == ["generakl"]
    assert not tables.get("quarantine")


# --- 2. Mattermost: mmctl 11 direct_channel participants -----------------------------------------


def test_direct_channel_members_from_participants():
    tables = read_tables(MATTERMOST, HERE / "mattermost-v11.jsonl")
    declared = [c for c in tables["channels"] if c["channel_id"].startswith("mattermost:direct:")]
    assert [c["kind"] for c in declared] == ["direct", "group", "direct"]  # two, three, self
    posts = tables["messages"]
    # direct_post lines name their members in any order and land in the declared chats.
    assert [p["channel_id"] for p in posts] == [declared[0]["channel_id"]] * 2 + [declared[1]["channel_id"]]
    assert len({c["channel_id"] for c in tables["channels"]}) == len(tables["channels"])  # nothing declared twice
    # Only the line without any username is quarantined.
    assert [(q["position"], q["reason"]) for q in tables["quarantine"]] == [("11", "direct channel has no member list")]


@pytest.mark.shared
def test_mmctl_v11_sample_has_no_false_quarantine(shared_dir):
    path = conformance(shared_dir, "mattermost/zulip-mmctl-v11-subset/import.jsonl")
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    direct = [r["direct_channel"] for r in lines if r["type"] == "direct_channel"]
    tables = read_tables(MATTERMOST, path, batch_size=50)
    assert not tables.get("quarantine")
    kinds = {c["channel_id"]: c["kind"] for c in tables["channels"]}
    expected = ["direct" if len({p["username"] for p in d["participants"]}) <= 2 else "group" for d in direct]
    declared = [c["kind"] for c in tables["channels"] if c["channel_id"].startswith("mattermost:direct:")][: len(direct)]
    assert declared == expected
    roots = sum(1 for r in lines if r["type"] in ("post", "direct_post"))
    replies = sum(len(r[r["type"]].get("replies") or []) for r in lines if r["type"] in ("post", "direct_post"))
    assert len(tables["messages"]) == roots + replies
    assert all(m["channel_id"] in kinds for m in tables["messages"])


# --- 3. Teams: quoted message out of the text, reply_to_id set ----------------------------------


def test_quoted_messages_leave_the_text_and_set_reply_to():
    msgs = by_id(read_tables(TEAMS, HERE / "teams-chats.json"))
    card = msgs[f"teams:{GROUP}:8002"]
    assert card["text"] == "Via de servicedesk, categorie Hardware."
    assert "Sanne" not in card["text"]
    assert card["reply_to_id"] == f"teams:{GROUP}:8001"
    assert card["thread_id"] == f"teams:{GROUP}:8002"  # a chat is flat: replies are reconstructed later
    ref = msgs[f"teams:{ONE_ONE}:8003"]
    assert ref["text"] == "Dank je, gelukt!"
    assert ref["reply_to_id"] == f"teams:{ONE_ONE}:8002"
    assert ref["attachment_count"] == 0  # a quote is no attachment
    assert msgs[f"teams:{GROUP}:8001"]["reply_to_id"] is None


@pytest.mark.shared
def test_quoted_reply_sample(shared_dir):
    path = conformance(shared_dir, "teams-graph/graph-docs-beta-chats-getallmessages/chats-getallmessages.beta.ex1.json")
    raw = json.loads(path.read_text(encoding="utf-8"))["value"][0]
    (row,) = read_tables(TEAMS, path)["messages"]
    assert row["text"] == "this is a reply"
    assert raw["from"]["user"]["displayName"] not in row["text"]
    assert row["reply_to_id"] == f"teams:{raw['chatId']}:1600457867820"


# --- 4. Discourse: no category_id never gives "None" --------------------------------------------


def test_topic_without_category_gets_a_stable_channel():
    tables = read_tables(DISCOURSE, HERE / "discourse" / "topic-321-posts.json")
    assert tables["channels"] == [{"source": "discourse", "channel_id": "discourse:category:unknown", "name": None, "kind": "public"}]
    assert {m["channel_id"] for m in tables["messages"]} == {"discourse:category:unknown"}


def test_topic_without_category_takes_its_posts_category(tmp_path):
    topic = json.loads((HERE / "discourse" / "topic-321-posts.json").read_text())
    for post in topic["post_stream"]["posts"]:
        post["category_id"] = 7
    (tmp_path / "t.json").write_text(json.dumps(topic))
    tables = read_tables(DISCOURSE, tmp_path / "t.json")
    assert [c["channel_id"] for c in tables["channels"]] == ["discourse:category:7"]


@pytest.mark.shared
def test_topic_posts_sample_has_no_none_channel(shared_dir):
    path = conformance(shared_dir, "discourse/discourse-api-topic_posts/topic_posts.json")
    tables = read_tables(DISCOURSE, path)
    assert [m["text"] for m in tables["messages"]] == ["Some text."]
    ids = [c["channel_id"] for c in tables["channels"]] + [m["channel_id"] for m in tables["messages"]]
    assert ids == ["discourse:category:unknown"] * 2 and not any("None" in i for i in ids)


# --- 5. Teams: chat kind from the id form without chats.json ------------------------------------


def test_chat_kind_of_id():
    assert chat_kind_of_id(GROUP) == "group"
    assert chat_kind_of_id("19:meeting_MjdhNjM4YzUtYzExZi00OTFkLTkzZTAtNTVlNmZmMDhkNGU2@thread.v2") == "group"
    assert chat_kind_of_id(ONE_ONE) == "direct"
    assert chat_kind_of_id("48:notes") == "direct"  # an unknown form counts as the more private kind


def test_chats_without_chats_json_take_their_kind_from_the_id():
    tables = read_tables(TEAMS, HERE / "teams-chats.json")
    assert {c["channel_id"]: c["kind"] for c in tables["channels"]} == {f"teams:{GROUP}": "group", f"teams:{ONE_ONE}": "direct"}


@pytest.mark.shared
def test_thread_v2_sample_is_a_group_chat(shared_dir):
    group = conformance(shared_dir, "teams-graph/graph-docs-v1-chat-list-messages/chat-list-messages.ex1.json")
    one = conformance(shared_dir, "teams-graph/graph-docs-v1-chatmessage-get/chatmessage-get.ex1.json")
    assert {m["channel_kind"] for m in read_tables(TEAMS, group)["messages"]} == {"group"}
    assert {m["channel_kind"] for m in read_tables(TEAMS, one)["messages"]} == {"direct"}


# --- 6. Slack: <@U...> of a known user is not named when names are off --------------------------


def test_known_user_mention_is_neutral_unless_names_may_be_stored():
    export = FIXTURES / "slack" / "export"
    question = "slack:C0HELP:1772445600.000200"  # "... laptop? <@U0BRAM>"
    off = by_id(tables_with(SLACK, export, ReadContext()))
    assert off[question]["text"].endswith("laptop? @user") and "Bram" not in off[question]["text"]
    assert off[question]["mentions"] == ["slack:U0BRAM"]
    ctx = ReadContext()
    ctx.store_display_names = True  # what the loader passes from privacy.store_display_names
    on = by_id(tables_with(SLACK, export, ctx))
    assert on[question]["text"].endswith("laptop? @Bram Jansen")
    assert on[question]["mentions"] == off[question]["mentions"]


def test_label_of_a_mention_is_not_shown_either():
    from kennismaker.extract.readers.slack_mrkdwn import slack_text

    out = slack_text("<@U1> en <@U2|piet.j> kijken", {"U1": "Anna"}, {}, named=False)
    assert out.text == "@user en @user kijken" and out.user_ids == ["U1", "U2"]


def test_no_name_reaches_the_store_by_default(make_config):
    cfg = make_config()
    assert not cfg.privacy.store_display_names
    with open_store(cfg.database) as con:
        ingest_export(con, SourceConfig(name="s", path=FIXTURES / "slack" / "export", format="slack_export.v1"), cfg)
        texts = [t for (t,) in con.execute("SELECT text FROM messages").fetchall()]
    assert any("@user" in t for t in texts)
    assert not any("@Bram" in t or "@Anna" in t for t in texts)


@pytest.mark.shared
def test_known_user_sample_mention_is_neutral(shared_dir):
    folder = conformance(shared_dir, "slack/zulip-test-slack-importer")
    users = {u["id"]: u for u in json.loads((folder / "users.json").read_text(encoding="utf-8"))}
    rows = [m for m in read_tables(SLACK, folder, batch_size=50)["messages"] if m["mentions"] == ["slack:U6006P1CN"]]
    assert [m["text"] for m in rows] == ["@user uploaded a file: dirac72.md and commented: test upload attachment"]
    person = users["U6006P1CN"]
    assert not any(n in rows[0]["text"] for n in (person["name"], person["real_name"]))


# --- 7. Teams / Discourse: image-only messages ----------------------------------------------


def test_teams_image_only_message_counts_the_picture_and_keeps_its_link():
    image = by_id(read_tables(TEAMS, HERE / "teams-chats.json"))[f"teams:{GROUP}:8004"]
    assert image["text"] == ""
    assert image["attachment_count"] == 1  # the hosted picture; the emoji is not one
    assert image["urls"] == [f"https://graph.microsoft.com/v1.0/chats/{GROUP}/messages/8004/hostedContents/aWQ9eF8w/$value"]


def test_discourse_image_only_post_counts_the_picture_and_keeps_its_link():
    msgs = by_id(read_tables(DISCOURSE, HERE / "discourse" / "topic-321-posts.json"))
    image = msgs["discourse:321:2"]
    assert (image["text"], image["attachment_count"]) == ("", 1)
    assert image["urls"] == ["https://forum.example.nl/uploads/default/original/1X/printer-plattegrond.png"]
    thanks = msgs["discourse:321:3"]
    assert (thanks["attachment_count"], thanks["urls"]) == (0, [])  # an emoji is no picture


@pytest.mark.shared
def test_image_only_samples(shared_dir):
    teams = conformance(shared_dir, "teams-graph/graph-docs-v1-chatmessage-get/chatmessage-get.ex2.json")
    (row,) = read_tables(TEAMS, teams)["messages"]
    assert (row["text"], row["attachment_count"]) == ("", 1)
    assert len(row["urls"]) == 1 and "/hostedContents/" in row["urls"][0]
    discourse = conformance(shared_dir, "discourse/discourse-api-topic/topic.json")
    post = by_id(read_tables(DISCOURSE, discourse))["discourse:57:3"]
    assert (post["text"], post["attachment_count"]) == ("", 1)
    assert post["urls"] == ["http://i288.photobucket.com/albums/ll164/stienman/ahh.gif"]


def test_graph_names_reads_pascal_case_inside_a_camel_case_page():
    from kennismaker.extract.readers.teams_message import graph_names

    page = {"value": [{"Id": "1", "Body": {"Content": "hoi"}}], "@odata.count": 1}
    assert graph_names(page)["value"][0] == {"id": "1", "body": {"content": "hoi"}}
    camel = [{"id": "1", "body": {"content": "hoi"}}]
    assert graph_names(camel) is camel  # already Graph's names: returned as it is
