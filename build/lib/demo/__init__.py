"""Deterministic generator of a fictional Dutch organisation's intranet exports (the kennismaker demo).

``generate_demo(out_dir, messages=3000, seed=42)`` writes Slack, Teams and Viva Engage exports of
"Gemeente Waterland / Waterland Services" plus ``truth/`` files describing what was planted.
"""
