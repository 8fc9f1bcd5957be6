"""The review of a change, as markdown a misp-galaxy maintainer can paste into a pull request.

Proposals, not surprises: every ref, relation, statement and archive link the run adds is
listed with the cluster it goes to, the evidence behind it and its confidence.
"""

from __future__ import annotations

from collections.abc import Iterable


def _cell(text: object) -> str:
    """One markdown table cell: no pipe or line break can break the table."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _table(head: list[str], rows: Iterable[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def regenerate_review(outcome, refs_to: str) -> str:
    """Markdown for a ``galaxy regenerate`` outcome (misp_module.galaxy.writer.Outcome)."""
    out = ["# orkl-misp: proposed misp-galaxy changes", ""]
    out.append(
        f"{outcome.entries} ORKL entries read. {len(outcome.ref_changes)} references, "
        f"{len(outcome.relation_changes)} attribution relations and {len(outcome.statements)} "
        f"public-attribution statements added or updated; {len(outcome.changes)} files change."
    )
    if outcome.ref_changes:
        out += ["", f"## References (`meta.{refs_to}`)", ""]
        out += _table(
            ["Cluster", "Reference", "Confidence", "Evidence"],
            (
                [
                    f"{c.galaxy} {c.value} ({c.uuid})",
                    c.proposal.url,
                    f"{c.proposal.confidence:.2f}",
                    "; ".join(c.proposal.evidence) or "-",
                ]
                for c in outcome.ref_changes
            ),
        )
    if outcome.relation_changes:
        out += ["", "## Attribution relations (`related`)", ""]
        out += _table(
            [
                "Cluster",
                "Relation",
                "Country",
                "Likelihood",
                "Source statement",
                "Attributed by",
                "Level",
                "Statement says",
                "Evidence the statement covers the actor",
            ],
            (
                [
                    f"{r.actor_value} ({r.actor_uuid})",
                    r.type,
                    f"{r.country_value} ({r.country_uuid})",
                    f"{r.likelihood_tag.split('=', 1)[1].strip(chr(34))} ({r.confidence:.2f})",
                    f"{r.statement_value} ({r.statement_uuid})",
                    ", ".join(r.parties),
                    ", ".join(r.levels),
                    f"“{r.quote}”",
                    "; ".join(r.evidence) or "-",
                ]
                for r in outcome.relation_changes
            ),
        )
    if outcome.statements:
        out += ["", "## Public-attribution statements", ""]
        out += _table(
            ["Statement", "uuid", "Description", "Refs"],
            (
                [v["value"], v["uuid"], v.get("description", ""), ", ".join(v["meta"]["refs"])]
                for v in outcome.statements
            ),
        )
    if outcome.readme_changed:
        out += ["", "README.md: the index of clusters is regenerated as misp-galaxy's CI does."]
    if outcome.notes:
        out += ["", "## Not done", ""] + [f"- {_cell(n)}" for n in outcome.notes]
    if outcome.changes:
        out += ["", "## Files", ""] + [
            f"- `{c.path.parent.name}/{c.path.name}`" for c in outcome.changes
        ]
    return "\n".join(out) + "\n"


def archive_review(report, checked: bool) -> str:
    """Markdown for an ``archive-links`` report (misp_module.galaxy.archive.ArchiveReport)."""
    out = ["# orkl-misp: ORKL archive copies of misp-galaxy references", ""]
    out.append(
        f"{report.refs} references in {report.clusters} clusters read; {len(report.found)} have "
        f"a copy in the local ORKL library"
        + (f"; {len(report.dead)} no longer answer" if checked else "")
        + "."
    )
    if report.found:
        out += ["", "## References with an ORKL copy", ""]
        head = ["Cluster", "Reference", "ORKL copy", "Text", "sha1"]
        head += ["Answers"] if checked else []
        out += _table(
            head,
            (
                [f"{a.galaxy} {a.value} ({a.uuid})", a.ref, a.archive_url, a.text_url, a.sha1]
                + ([a.status or "-"] if checked else [])
                for a in report.found
            ),
        )
    if checked and report.dead:
        out += ["", "## References that no longer answer", ""]
        out += _table(
            ["Cluster", "Reference", "Answer", "ORKL copy"],
            (
                [f"{d.galaxy} {d.value} ({d.uuid})", d.ref, d.status, d.archive_url or "none"]
                for d in report.dead
            ),
        )
    if report.written:
        out += ["", f"`meta.{report.key}` written on {len(report.written)} clusters."]
    return "\n".join(out) + "\n"
