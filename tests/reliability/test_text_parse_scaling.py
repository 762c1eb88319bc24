"""The text parser's time grows linearly with the text: each shape of hostile text is parsed
at 1,000, 10,000 and 100,000 lines, and ten times the lines may cost at most twenty times
the time (a parse that copies what it has built at every line costs a hundred times).

Timed, so not in ``make test``; the unit tests check the parse of the largest reported text
within the time limit (tests/hardening/test_text_bounds.py).
"""

import time

import pytest

from importing.parsers.plain_text import parse_plain_text

pytestmark = pytest.mark.reliability

HEAD = ["MC.DEC/99/99", "", "DECISION ON MIGRATION", "", "1. The participating States agree."]
SCALES = (1_000, 10_000, 100_000)
# Ten times the lines in at most this many times the time.
MAX_GROWTH = 20


def _numbered(lines: int) -> list[str]:
    return [f"{n}. The participating States will co-operate on migration." for n in range(2, lines + 1)]


def _number_mid_line(lines: int) -> list[str]:
    return [f"On {n % 9000}. {n % 9000 + 1}. Act" for n in range(1, lines)]


def _one_long_provision(lines: int) -> list[str]:
    return ["they co-operate on migration and on borders"] * lines


def _hyphenated(lines: int) -> list[str]:
    return ["co-operation on migra-", "tion and border manage-"] * (lines // 2) + ["ment."]


def _bullets(lines: int) -> list[str]:
    return ["— to co-operate on migration;"] * lines


def _labels_alone(lines: int) -> list[str]:
    return [part for n in range(2, lines // 3 + 2) for part in (f"{n}.", "", "The States act.")]


def _chapter_continued(lines: int) -> list[str]:
    return ["Chapter II"] + ["and migration"] * lines


SHAPES = {
    "numbered paragraphs": _numbered,
    "a number mid-line on every line": _number_mid_line,
    "one provision of many lines": _one_long_provision,
    "hyphenated line ends": _hyphenated,
    "em-dash bullets": _bullets,
    "numbers alone on their lines": _labels_alone,
    "a chapter heading continued in lower case": _chapter_continued,
}


def _seconds(lines: list[str]) -> float:
    text = "\n".join(HEAD + lines)
    start = time.perf_counter()
    parse_plain_text(text, name="scaling.txt", sha256="")
    return time.perf_counter() - start


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_parse_time_grows_linearly(shape):
    seconds = [_seconds(SHAPES[shape](lines)) for lines in SCALES]
    figures = ", ".join(f"{lines:,} lines {s:.2f} s" for lines, s in zip(SCALES, seconds, strict=True))
    print(f"\n{shape}: {figures}")
    assert seconds[2] < MAX_GROWTH * max(seconds[1], 0.05), figures
