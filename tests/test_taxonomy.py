"""The public-attribution taxonomy: valid, shipped up to date, and covering every tag emitted."""

from __future__ import annotations

import json

import jsonschema
import pytest

from misp_module.core import attribution, taxonomy
from misp_module.core.lexicon import lexicon

from conftest import TAXONOMIES


def test_shipped_machinetag_is_the_generated_one():
    assert taxonomy.shipped_machinetag() == taxonomy.machinetag_json()


def test_machinetag_validates_against_the_misp_taxonomies_schema():
    schema = json.loads((TAXONOMIES / "schema.json").read_text())
    # The schema names no draft its validator knows; misp-taxonomies checks it as draft 7.
    jsonschema.Draft7Validator(schema).validate(json.loads(taxonomy.shipped_machinetag()))


def test_pytaxonomies_loads_it():
    from pytaxonomies import Taxonomy

    t = Taxonomy(json.loads(taxonomy.shipped_machinetag()))
    machinetags = set(t.machinetags())
    assert 'public-attribution:attributing-party="EU"' in machinetags
    assert 'public-attribution:attribution-level="territory"' in machinetags


def test_every_value_the_extractor_can_emit_is_in_the_taxonomy():
    lex = lexicon()
    vocab = taxonomy.vocabulary()
    parties = set(lex.state_names().values()) | set(lex.ADJECTIVES.values())
    parties |= {c for c in lex.BODIES.values() if c != "?"} | set(lex.GOVERNMENT_SITES.values())
    assert parties <= set(vocab["attributing-party"]) == set(vocab["supporting-party"])
    states = set(lex.state_names().values()) | set(lex.ADJECTIVES.values())
    states |= set(lex.AGENCIES.values()) | set(lex.METONYMS.values())
    assert states <= set(vocab["attributed-state"])
    assert set(attribution.LEVEL_ORDER) == set(vocab["attribution-level"])
    assert set(taxonomy.STATEMENT_TYPES) == set(vocab["statement-type"])


def test_country_values_are_all_iso_codes_with_names():
    vocab = taxonomy.vocabulary()["attributing-party"]
    assert vocab["MK"] == "North Macedonia" and vocab["EU"] == "European Union"
    assert len(set(vocab) - set(taxonomy.BODIES)) == 249


def test_tag_refuses_what_the_taxonomy_does_not_hold():
    with pytest.raises(ValueError, match="not a value of public-attribution:attributed-state"):
        taxonomy.tag("attributed-state", "EU")
