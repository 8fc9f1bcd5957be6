"""Public attribution: who attributed the activity, to which state, at what level, and how.

Sentence by sentence, an attribution needs three things in one sentence: a cue (attribute,
responsible, indicted, sanctions, ...), a *target* (a state reached through a pattern that
says how: "from the territory of China" is ``territory``, "China's Ministry of State
Security" is ``state-agency``) and a *party* that is a government or body: named in the
sentence ("The EU and its member states assess ..."), or the document's own voice when the
document is published by one ("we", or a government press release speaking for itself).

Precision before recall: a security vendor is never a party (its "we" is not a government's),
a denied or refused attribution is skipped, a state named as a location ("targets in Germany")
is not a party, and supporting parties only exist next to an attribution they support.

The extractor is a package split by pipeline stage, each module importing only those before it:
model (rows, levels), sentences, document (the text's own voice), parties (lists of states),
persons (the person-name guard), grammar (the phrases of one language), places (a state as a
place, object or modifier), roles (the clause analysis of one sentence), rows, speakers (and
denials), context (headlines, charges that go on, background) and extract (the orchestration);
genres holds the words of the genres that say who attributes their own way.
This module re-exports the public API, and the private names the tests reach.
"""

from misp_module.core.attribution.document import (
    _ADVISORY,
    _DECLARATION,
    _JOINT_STATEMENT,
    _home,
    language_of,
)
from misp_module.core.attribution.extract import (
    attribution_report,
    extract_attributions,
)
from misp_module.core.attribution.grammar import (
    _NUMBER_WORDS,
    _SAID_BEFORE,
    _Grammar,
    _grammar,
)
from misp_module.core.attribution.model import (
    HEADER_CHARS,
    LEVEL_ORDER,
    Attribution,
    party_name,
)
from misp_module.core.attribution.parties import (
    _FUNCTION_WORDS,
    _PASSIVE_SUPPORT,
)
from misp_module.core.attribution.persons import (
    _person,
)
from misp_module.core.attribution.places import (
    _LIST_TAILS,
    _SAYS,
    _SEPARATORS_AT_END,
    AttributionReport,
    _strip_separators,
)
from misp_module.core.attribution.sentences import (
    _ABBREVIATIONS,
    _BOUNDARY,
    _BOUNDARY_TEXT,
    _SPACES,
    _add_sentence,
    _sentence_start,
    _sentence_start_near,
    cue_sentences,
    sentences,
)
from misp_module.core.attribution.speakers import (
    _PRONOUNS,
)

__all__ = [
    "Attribution",
    "AttributionReport",
    "LEVEL_ORDER",
    "HEADER_CHARS",
    "party_name",
    "sentences",
    "cue_sentences",
    "extract_attributions",
    "attribution_report",
    "language_of",
    "_ABBREVIATIONS",
    "_FUNCTION_WORDS",
    "_NUMBER_WORDS",
    "_sentence_start",
    "_sentence_start_near",
    "_BOUNDARY",
    "_BOUNDARY_TEXT",
    "_SPACES",
    "_add_sentence",
    "_JOINT_STATEMENT",
    "_DECLARATION",
    "_ADVISORY",
    "_grammar",
    "_Grammar",
    "_PRONOUNS",
    "_SAYS",
    "_SAID_BEFORE",
    "_PASSIVE_SUPPORT",
    "_LIST_TAILS",
    "_SEPARATORS_AT_END",
    "_strip_separators",
    "_home",
    "_person",
]
