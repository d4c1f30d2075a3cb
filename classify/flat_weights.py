"""Weights of the ``flat.linear.v1`` reply scorer, written by ``python -m bench.irc_replies train``.

Trained on: irc-disentanglement/new-domains (12 files: mediawiki.0, mediawiki.1, mediawiki.2,
rust.0, rust.1, rust.2, stripe.0, stripe.1, stripe.2, ubuntu-meeting.0, ubuntu-meeting.1, ubuntu-
meeting.2); 98585 option rows, 2366 gold links; candidates: previous 50 messages within 60 min;
similarity: all-MiniLM-L6-v2 cosine.
Never evaluate on these files; see docs/answer-linking.md.
"""

FLAT_LINEAR_V1: dict[str, float] = {
    'new': -1.6495,
    'new_addresses': -1.8977,
    'new_question': 1.5147,
    'new_log_gap': 0.5217,
    'new_author_silent': 2.7158,
    'log_minutes': -0.4927,
    'log_distance': -1.3863,
    'previous': 1.1901,
    'addresses_author': 1.1978,
    'addresses_latest': 1.3509,
    'addresses_other': -1.8902,
    'addressed_by': 0.3936,
    'addressed_by_latest': 1.1313,
    'same_author': -0.5308,
    'same_author_latest': 2.7102,
    'similarity': 2.4945,
    'most_similar': 0.7085,
    'question': 0.0156,
    'question_other_author': 0.5015,
}
