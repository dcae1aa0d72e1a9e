"""Model loading: offline, official names first, one clear error when something is wrong."""

from __future__ import annotations

import pytest
import spacy

from claimtrail.errors import IncompatibleModel, ModelError
from claimtrail.nlp.loader import _check, available_models, choose_model, load_pipeline


def test_default_model_is_installed_and_loads(nlp):
    assert choose_model() in available_models()
    assert nlp.meta["lang"] == "en"
    for pipe in ("claimtrail_gazetteer", "claimtrail_entity_fixes", "claimtrail_line_breaks"):
        assert pipe in nlp.pipe_names
    assert nlp.pipe_names.index("claimtrail_gazetteer") < nlp.pipe_names.index("ner")


def test_official_package_is_preferred(tmp_path, monkeypatch):
    package = tmp_path / "en_core_web_md"
    package.mkdir()
    (package / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert available_models()[0] == "en_core_web_md"
    assert choose_model() == "en_core_web_md"


def test_named_missing_model_says_how_to_fix():
    with pytest.raises(ModelError) as info:
        choose_model("en_core_web_nope")
    assert "not installed" in str(info.value) and "pip install" in str(info.value)


def test_broken_model_package_is_a_model_error(tmp_path, monkeypatch):
    package = tmp_path / "en_core_web_broken"
    package.mkdir()
    (package / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModelError) as info:
        load_pipeline("en_core_web_broken")
    assert "failed to load" in str(info.value)


def test_model_without_parser_or_ner_is_refused():
    with pytest.raises(ModelError) as info:
        _check(spacy.blank("en"), "blank_en", spacy.about.__version__)
    assert "parser or ner" in str(info.value)


def test_non_english_model_is_refused():
    with pytest.raises(ModelError) as info:
        _check(spacy.blank("fr"), "blank_fr", spacy.about.__version__)
    assert "English" in str(info.value)


def test_incompatible_spacy_version_is_refused():
    nlp = spacy.blank("en")
    nlp.meta["spacy_version"] = ">=3.7.0,<3.8.0"
    with pytest.raises(IncompatibleModel) as info:
        _check(nlp, "old_model", "3.8.7")
    assert "[E021]" in str(info.value) and "3.8.7" in str(info.value)
