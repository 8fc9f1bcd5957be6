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
model (rows, levels), splitting (sentences), document (the text's own voice), parties (lists of states),
persons (the person-name guard), grammar (the phrases of one language), places (a state as a
place, object or modifier), roles (the clause analysis of one sentence), rows, speakers (and
denials), context (headlines, charges that go on, background) and extract (the orchestration);
genres holds the words of the genres that say who attributes their own way.
This module re-exports the public API; tests reach a stage's private names in its own module.
"""

from misp_module.core.attribution.document import (
    language_of,
)
from misp_module.core.attribution.extract import (
    attribution_report,
    extract_attributions,
)
from misp_module.core.attribution.model import (
    HEADER_CHARS,
    LEVEL_ORDER,
    Attribution,
    AttributionReport,
    party_name,
)
from misp_module.core.attribution.splitting import (
    cue_sentences,
    sentences,
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
]
