"""The ADR index is true: every record is in it, in order, with the status line the record has.

ADR 1's rule is that a record is never rewritten, and that a later record which supersedes or
amends it is named in its status. Both records say so, or a reader who starts from the old one
follows a decision that no longer holds.
"""

import re

import pytest

from tests.docs import repository

ADRS = "docs/adr"
RECORD = re.compile(r"docs/adr/(\d{4})-[\w-]+\.md")
ROW = re.compile(r"^\| \[(\d{4})\]\(([^)]+)\) \| .+? \| (.+) \|$", re.MULTILINE)
STATUS = re.compile(r"^Status: (.+?)\n\n", re.MULTILINE | re.DOTALL)
# Each pair: what the later record's status says, and what the earlier one's says back.
MIRRORS = {"supersedes": "superseded by", "amends": "amended by"}
RELATION = re.compile(r"superseded by|supersedes|amended by|amends")


def records() -> dict[int, str]:
    return {int(match[1]): path for path in repository.files() if (match := RECORD.fullmatch(path))}


def status(path: str) -> str:
    match = STATUS.search(repository.read(path))
    assert match, f"{path} has no status line"
    return " ".join(match.group(1).split())


def relations(text: str) -> set[tuple[str, int]]:
    """(relation, record) for each record a status names, as `amended by ADR 13 (...) and ADR 22`."""
    found = set()
    for clause in text.split(";"):
        if relation := RELATION.search(clause):
            found |= {(relation.group(), int(number)) for number in re.findall(r"ADR (\d+)", clause)}
    return found


def unmirrored(statuses: dict[int, str]) -> list[str]:
    """Relations one record's status states and the other record's status does not state back."""
    problems = []
    for number, text in statuses.items():
        for relation, other in relations(text):
            later = relation in MIRRORS
            if later != (other < number):
                when = "after" if later else "before"
                problems.append(f"ADR {number} says it {relation} ADR {other}, which came {when}")
            mirror = MIRRORS.get(relation) or next(new for new, old in MIRRORS.items() if old == relation)
            if (mirror, number) not in relations(statuses.get(other, "")):
                problems.append(
                    f"ADR {number}: {relation} ADR {other}, whose status does not say {mirror} ADR {number}"
                )
    return problems


def test_each_record_is_titled_with_the_number_of_its_file() -> None:
    for number, path in records().items():
        assert repository.read(path).startswith(f"# {number}. "), path


def test_records_are_numbered_without_a_gap() -> None:
    """A gap makes a reader look for a record that was never written, or was lost."""
    assert sorted(records()) == list(range(1, len(records()) + 1))


def test_the_index_lists_every_record_once_in_order_with_its_status_line() -> None:
    rows = ROW.findall(repository.read(f"{ADRS}/README.md"))
    assert [int(number) for number, _, _ in rows] == sorted(records())
    for number, link, indexed in rows:
        path = records()[int(number)]
        assert f"{ADRS}/{link}" == path
        assert " ".join(indexed.split()) == status(path), f"the index's status of ADR {number}"


def test_every_record_that_supersedes_or_amends_another_is_named_in_its_status_and_back() -> None:
    assert unmirrored({number: status(path) for number, path in records().items()}) == []


@pytest.mark.parametrize(
    ("statuses", "problems"),
    [
        ({4: "accepted; amended by ADR 12", 12: "accepted; amends ADR 4"}, 0),
        ({4: "accepted", 12: "accepted; amends ADR 4"}, 1),
        ({4: "accepted; amended by ADR 12", 12: "accepted"}, 1),
        ({9: "accepted; its x superseded by ADR 22", 22: "accepted; amends ADR 9"}, 2),
        (
            {
                12: "accepted; amended by ADR 13 (x) and ADR 22 (y)",
                13: "accepted; amends ADR 12",
                22: "accepted",
            },
            1,
        ),
        ({4: "accepted; amends ADR 12", 12: "accepted; amended by ADR 4"}, 2),
    ],
)
def test_a_relation_stated_on_one_side_only_is_found(statuses: dict[int, str], problems: int) -> None:
    assert len(unmirrored(statuses)) == problems
