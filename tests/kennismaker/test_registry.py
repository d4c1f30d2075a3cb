"""Every plugin registry: one style (catalogue), versioned names, aliases, and one-sentence errors."""

from __future__ import annotations

import pytest

from kennismaker.errors import ConfigError, UnknownFormatError
from kennismaker.registry import VERSIONED, Registry, UnknownName


def registries() -> dict[str, Registry]:
    from kennismaker.classify.embedders import EMBEDDERS
    from kennismaker.classify.flat import SCORERS
    from kennismaker.classify.head import HEADS
    from kennismaker.extract.readers import READERS
    from kennismaker.pipelines.runners import TASK_RUNNERS
    from kennismaker.topics.parts import PARTS

    return {"readers": READERS, "embedders": EMBEDDERS, "heads": HEADS, "reply_scorers": SCORERS,
            "task_runners": TASK_RUNNERS, **{f"topic_{kind}s": reg for kind, reg in PARTS.items()}}


BUILT_IN = {
    "readers": {"slack_export.v1", "teams_graph.v1", "viva_engage.v1", "generic_csv.v1", "google_chat_takeout.v1"},
    "embedders": {"use_multilingual.v1", "transformers.v1", "onnx.v1", "hashing.v1"},
    "heads": {"logreg_platt.v2"},
    "reply_scorers": {"flat.ffnn.v2", "flat.linear.v1", "flat.previous.v1", "flat.none.v1"},
    "task_runners": {"default.v1", "dask.v1"},
    "topic_reducers": {"umap.v1", "pca.v1"},
    "topic_clusterers": {"hdbscan.v1", "kmeans.v1", "agglomerative.v1"},
    "topic_representations": {"keybert.v1", "mmr.v1", "none.v1"},
}


@pytest.mark.parametrize("kind", sorted(BUILT_IN))
def test_every_registry_holds_its_built_ins_under_versioned_names_that_resolve(kind):
    registry = registries()[kind]
    assert registry.kind == kind
    assert BUILT_IN[kind] <= set(registry.names())
    for name in registry.names():
        assert VERSIONED.match(name), name
        assert registry.get(name) is not None


@pytest.mark.parametrize("kind, short", [
    ("readers", "slack"), ("embedders", "use_multilingual"), ("task_runners", "dask"),
    ("topic_reducers", "umap"), ("topic_clusterers", "hdbscan"), ("topic_representations", "none"),
])
def test_an_older_short_name_is_an_alias_of_its_versioned_name(kind, short):
    registry = registries()[kind]
    assert registry.get(short) is registry.get(registry.canonical(short))
    assert registry.canonical(short) != short and short not in registry.names()


@pytest.mark.parametrize("kind", sorted(BUILT_IN))
def test_an_unknown_name_is_one_sentence_listing_the_known_ones(kind):
    registry = registries()[kind]
    with pytest.raises((ConfigError, UnknownFormatError)) as caught:
        registry.get("no_such_thing.v1")
    message = str(caught.value)
    assert message.startswith(f"Unknown {registry.label} 'no_such_thing.v1'; known: ") and "\n" not in message
    assert all(name in message for name in BUILT_IN[kind])
    with pytest.raises(UnknownName, match="no_such_thing"):
        registry.checked("no_such_thing.v1")


def test_a_plugin_registers_a_versioned_name_like_the_built_ins_and_an_unversioned_one_is_refused():
    registry = Registry("test_widgets", "widget")

    @registry.register("round.v1")
    def round_widget() -> str:
        return "round"

    registry.alias("round", "round.v1")
    assert registry.get("round")() == "round" and registry.names() == ["round.v1"]
    assert registry.checked("round") == "round"
    with pytest.raises(ValueError, match="needs a version suffix such as 'square.v1'"):
        registry.register("square", func=lambda: "square")


def test_a_lazily_registered_implementation_is_imported_on_first_use():
    registry = Registry("test_lazy", "thing")
    registry.register("path.v1", func="pathlib:PurePosixPath")
    from pathlib import PurePosixPath

    assert registry.get("path.v1") is PurePosixPath


def test_the_embedder_a_test_registers_is_chosen_by_config():
    from kennismaker.classify.config import EmbedderConfig
    from kennismaker.classify.embedders import EMBEDDERS, embedder_model_id, register_embedder

    class Fixed:
        def __call__(self, cfg):
            raise AssertionError("not loaded to get the id")

        def model_id(self, cfg) -> str:
            return "fixed-1"

    register_embedder("fixed_for_test.v1", Fixed())
    assert "fixed_for_test.v1" in EMBEDDERS.names()
    assert embedder_model_id(EmbedderConfig(name="fixed_for_test.v1")) == "fixed-1"
