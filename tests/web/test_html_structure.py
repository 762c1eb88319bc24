"""The pages are well-formed, landmarked HTML: unique ids, one h1, labelled form fields."""

from collections import Counter
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Structure(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: Counter[str] = Counter()
        self.tags: Counter[str] = Counter()
        self.labels_for: set[str] = set()
        self.fields: list[dict] = []
        self.open: list[str] = []
        self.mismatched: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags[tag] += 1
        if "id" in attributes:
            self.ids[attributes["id"]] += 1
        if tag == "label" and "for" in attributes:
            self.labels_for.add(attributes["for"])
        if tag in ("input", "select", "textarea") and attributes.get("type") != "hidden":
            self.fields.append(attributes)
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.open or self.open[-1] != tag:
            self.mismatched.append(f"</{tag}> closes <{self.open[-1] if self.open else None}>")
            if tag in self.open:
                while self.open.pop() != tag:
                    pass
            return
        self.open.pop()


PAGES = [
    "/",
    "/search/?q=migration",
    "/search/?q=migration&category=human&year_from=1990",
    "/search/?year_from=abc",
    "/documents/",
    "/documents/mc-doc-2-05/",
    "/documents/mc-dec-5-09/",
    "/categories/",
    "/categories/human/",
    "/dimensions/human/",
    "/timeline/",
    "/matrix/",
    "/no-such-page/",
]


def test_pages_are_well_formed_with_landmarks_unique_ids_and_labelled_fields(client, corpus):
    problems = {}
    for url in PAGES:
        found = _problems(client.get(url).content.decode())
        if found:
            problems[url] = found
    assert problems == {}


def _problems(html: str) -> list[str]:
    page = _Structure()
    page.feed(html)
    found = [f"not closed: {page.open}"] if page.open else []
    found += page.mismatched
    found += [f"id used twice: {i}" for i, n in page.ids.items() if n > 1]
    if not html.startswith("<!doctype html>"):
        found.append("no doctype")
    if page.tags["h1"] != 1:
        found.append(f"{page.tags['h1']} h1 elements")
    found += [
        f"no <{landmark}>" for landmark in ("header", "nav", "main", "footer") if not page.tags[landmark]
    ]
    found += [
        f"field without a label: {field}"
        for field in page.fields
        if field.get("id") not in page.labels_for and "aria-label" not in field
    ]
    return found
