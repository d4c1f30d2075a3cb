"""Every reader resolves typed addressing ("@Name", "Name:" / "Name," at the start) to mention ids.

Each case is a small hand-made export: a typed name one person carries becomes that person's id,
a name two people carry becomes nobody, and platform markup keeps working beside it.
"""

from __future__ import annotations

import csv
import json
import shutil

from kennismaker.extract.load import ingest_export
from kennismaker.extract.readers.discourse import READER as DISCOURSE
from kennismaker.extract.readers.generic import CSV_READER, JSONL_READER
from kennismaker.extract.readers.mattermost import READER as MATTERMOST
from kennismaker.extract.readers.slack import READER as SLACK
from kennismaker.extract.readers.teams import READER as TEAMS
from kennismaker.extract.readers.yammer import READER as YAMMER
from kennismaker.config import SourceConfig
from kennismaker.store import open_store
from tests.conftest import FIXTURES
from tests.extract.helpers import read_tables


def mentions_by_text(tables: dict[str, list[dict]]) -> dict[str, list[str]]:
    return {m["text"]: m["mentions"] for m in tables["messages"]}


# --- generic ---------------------------------------------------------------------------------


def test_generic_csv_fills_mentions_from_the_author_name_column():
    tables = read_tables(CSV_READER, FIXTURES / "generic" / "named.csv")
    by_id = {m["message_id"]: m["mentions"] for m in tables["messages"]}
    assert by_id["generic:n4"] == ["generic:u101"]  # "@Celestine I recently learned ..."
    assert by_id["generic:n5"] == ["generic:u101"]  # "celestine: try ..."
    assert by_id["generic:n6"] == []  # "@Sanne": two people are called Sanne
    assert by_id["generic:n7"] == ["generic:u103"]  # "Hoi Sanne de Wit, ..."
    assert by_id["generic:n8"] == ["generic:u101", "generic:u104"]  # not the e-mail address
    assert by_id["generic:n9"] == []  # the author's own name is no mention
    assert {p["author_id"]: p["display_name"] for p in tables["people"]}["generic:u103"] == "Sanne de Wit"


def test_generic_jsonl_authors_that_are_nicks_are_the_people_list():
    tables = read_tables(JSONL_READER, FIXTURES / "generic" / "nicks.jsonl")
    by_id = {m["message_id"]: m["mentions"] for m in tables["messages"]}
    assert by_id["generic:2"] == ["generic:celestine"]
    assert by_id["generic:3"] == ["generic:ActionParsnip"]
    # "Update:" is a label even though somebody's nick is "update"; a bare nick mid-sentence is no mention.
    assert by_id["generic:5"] == ["generic:ActionParsnip"]
    assert by_id["generic:1"] == by_id["generic:4"] == []


def test_generic_mentions_are_author_keys_and_no_name_is_stored(make_config):
    cfg = make_config()
    assert not cfg.privacy.store_display_names
    src = SourceConfig(name="g", path=FIXTURES / "generic" / "named.csv", format="generic_csv.v1")
    with open_store(cfg.database) as con:
        ingest_export(con, src, cfg)
        (mentions,) = con.execute("SELECT mentions FROM messages WHERE message_id = 'generic:n4'").fetchone()
        (author,) = con.execute("SELECT author_key FROM messages WHERE message_id = 'generic:n1'").fetchone()
        names = con.execute("SELECT count(*) FROM people WHERE display_name IS NOT NULL").fetchone()
    assert mentions == [author] and not author.startswith("generic:")
    assert names == (0,)


# --- Slack -----------------------------------------------------------------------------------


def test_slack_typed_names_resolve_unless_two_people_carry_them(tmp_path):
    export = tmp_path / "export"
    shutil.copytree(FIXTURES / "slack" / "export", export)
    users = json.loads((export / "users.json").read_text())
    users.append({"id": "U0ANNA2", "name": "anna.smit", "real_name": "Anna Smit", "profile": {"display_name": "Anna S."}})
    (export / "users.json").write_text(json.dumps(users))
    day = export / "algemeen" / "2026-03-02.json"
    posts = json.loads(day.read_text())
    posts += [
        {"type": "message", "user": "U0CARLA", "text": "bram: het staat op de wiki", "ts": "1772449999.000901"},
        {"type": "message", "user": "U0CARLA", "text": "@Anna weet jij het?", "ts": "1772449999.000902"},
        {"type": "message", "user": "U0BRAM", "text": "Anna Smit, kijk even mee", "ts": "1772449999.000903"},
    ]
    day.write_text(json.dumps(posts))
    got = mentions_by_text(read_tables(SLACK, export))
    assert got["bram: het staat op de wiki"] == ["slack:U0BRAM"]
    assert got["@Anna weet jij het?"] == []
    assert got["Anna Smit, kijk even mee"] == ["slack:U0ANNA2"]


# --- Teams -----------------------------------------------------------------------------------

PIET, PIET2, ANNA = "22222222-bbbb", "33333333-cccc", "11111111-aaaa"


def teams_post(number: int, author: str, name: str, html: str, mentions: list | None = None) -> dict:
    return {
        "id": str(number), "messageType": "message", "createdDateTime": f"2026-09-01T08:{number:02d}:00Z",
        "from": {"user": {"id": author, "displayName": name}},
        "body": {"contentType": "html", "content": html},
        "channelIdentity": {"teamId": "t1", "channelId": "19:algemeen@thread.tacv2"},
        "mentions": mentions or [],
    }


def test_teams_typed_names_resolve_against_users_and_posters(tmp_path):
    users = [{"id": PIET, "displayName": "Piet Jansen", "givenName": "Piet"},
             {"id": PIET2, "displayName": "Piet de Wit", "givenName": "Piet"},
             {"id": ANNA, "displayName": "Anna de Boer", "givenName": "Anna"}]
    (tmp_path / "users.json").write_text(json.dumps({"value": users}))
    marked = [{"id": 0, "mentionText": "Piet", "mentioned": {"user": {"id": PIET2, "displayName": "Piet de Wit"}}}]
    posts = [
        teams_post(1, ANNA, "Anna de Boer", "<p>@Piet Jansen weet jij hoe de VPN werkt?</p>"),
        teams_post(2, PIET, "Piet Jansen", "<p>anna: via de portal</p>"),
        teams_post(3, ANNA, "Anna de Boer", "<p>@Piet dank je!</p>"),
        teams_post(4, ANNA, "Anna de Boer", '<p><at id="0">Piet</at> jij ook bedankt</p>', marked),
    ]
    (tmp_path / "messages.jsonl").write_text("\n".join(json.dumps(p) for p in posts))
    got = mentions_by_text(read_tables(TEAMS, tmp_path))
    assert got["@Piet Jansen weet jij hoe de VPN werkt?"] == [f"teams:{PIET}"]
    assert got["anna: via de portal"] == [f"teams:{ANNA}"]
    assert got["@Piet dank je!"] == []  # two people are called Piet
    assert got["@Piet jij ook bedankt"] == [f"teams:{PIET2}"]  # the <at> markup still decides


# --- Viva Engage -----------------------------------------------------------------------------


def test_viva_engage_typed_names_resolve_unless_two_people_carry_them(tmp_path):
    export = tmp_path / "export"
    shutil.copytree(FIXTURES / "yammer" / "export", export)
    with (export / "Users.csv").open("a", encoding="utf-8") as fh:
        fh.write("piet.dewit@example.nl,4,Piet de Wit,Facilitair,active\n")
    with (export / "Messages.csv").open(encoding="utf-8-sig") as fh:
        header = next(csv.reader(fh))
    rows = [
        {"id": "901", "created_at": "2026-09-02 08:00:00 UTC", "sender_id": "1", "group_id": "10",
         "body": "Sanne: het formulier staat op de wiki"},
        {"id": "902", "created_at": "2026-09-02 08:05:00 UTC", "sender_id": "3", "group_id": "10",
         "body": "@Piet weet jij het?"},
        {"id": "903", "created_at": "2026-09-02 08:06:00 UTC", "sender_id": "3", "group_id": "10",
         "body": "@Piet de Wit weet jij het?"},
    ]
    with (export / "Messages.csv").open("a", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header)
        writer.writerows(rows)
    got = {m["message_id"]: m["mentions"] for m in read_tables(YAMMER, export)["messages"]}
    assert got["yammer:901"] == ["yammer:3"]
    assert got["yammer:902"] == []  # Piet Jansen and Piet de Wit
    assert got["yammer:903"] == ["yammer:4"]
    assert got["yammer:101"] == ["yammer:2"]  # [[user:2]] markup as before


# --- Mattermost ------------------------------------------------------------------------------


def test_mattermost_typed_names_resolve_and_usernames_stay_markup(tmp_path):
    lines = (FIXTURES / "mattermost" / "export.jsonl").read_text().splitlines()
    second_bram = {"type": "user", "user": {"username": "bvdberg", "first_name": "Bram", "last_name": "van den Berg"}}
    at = next(i for i, line in enumerate(lines) if '"type":"post"' in line)
    lines.insert(at, json.dumps(second_bram))

    def post(user: str, message: str, minute: int) -> str:
        body = {"team": "gemeente", "channel": "algemeen", "user": user, "message": message, "create_at": 1772460000000 + minute * 60000}
        return json.dumps({"type": "post", "post": body})

    lines += [post("carla", "Anna de Vries: de printer staat op 3", 1), post("carla", "Bram, kun jij kijken?", 2),
              post("anna", "@bram kun jij kijken?", 3), post("anna", "Bram van den Berg, jij ook?", 4)]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + "\n")
    got = mentions_by_text(read_tables(MATTERMOST, path))
    assert got["Anna de Vries: de printer staat op 3"] == ["mattermost:anna"]
    assert got["Bram, kun jij kijken?"] == []  # two people are called Bram
    assert got["@bram kun jij kijken?"] == ["mattermost:bram"]  # a username is the platform's mention
    assert got["Bram van den Berg, jij ook?"] == ["mattermost:bvdberg"]


# --- Discourse -------------------------------------------------------------------------------


def discourse_post(number: int, username: str, name: str, cooked: str) -> dict:
    return {"id": 5000 + number, "username": username, "name": name, "user_id": 20 + number, "post_number": number,
            "post_type": 1, "created_at": f"2026-03-05T10:{number:02d}:00.000Z", "cooked": cooked}


def test_discourse_typed_names_resolve_against_participants_and_posters(tmp_path):
    participants = [{"username": "anna", "name": "Anna de Vries"}, {"username": "jan.smit", "name": "Jan Smit"},
                    {"username": "jbakker", "name": "Jan Bakker"}, {"username": "karel", "name": "Karel Appel"}]
    posts = [
        discourse_post(1, "anna", "Anna de Vries", "<p>Hoe vraag ik een tweede scherm aan?</p>"),
        discourse_post(2, "karel", "Karel Appel", "<p>Anna, via het formulier op de portal.</p>"),
        discourse_post(3, "anna", "Anna de Vries", "<p>@Jan weet jij of dat klopt?</p>"),
        discourse_post(4, "anna", "Anna de Vries", "<p>@Jan Bakker weet jij of dat klopt?</p>"),
        discourse_post(5, "jbakker", "Jan Bakker", '<p><a class="mention" href="/u/anna">@anna</a> ja</p>'),
    ]
    topic = {"id": 900, "title": "Tweede scherm", "category_id": 5, "archetype": "regular",
             "details": {"participants": participants}, "post_stream": {"posts": posts}}
    (tmp_path / "900.json").write_text(json.dumps(topic))
    got = mentions_by_text(read_tables(DISCOURSE, tmp_path))
    assert got["Anna, via het formulier op de portal."] == ["discourse:anna"]
    assert got["@Jan weet jij of dat klopt?"] == []  # Jan Smit and Jan Bakker
    assert got["@Jan Bakker weet jij of dat klopt?"] == ["discourse:jbakker"]
    assert got["@anna ja"] == ["discourse:anna"]

