"""The matcher's precision, measured on the bundled corpus (the README states the figures).

Two measurements. The real one: every quotation of the corpus against every provision of every
held text; each match it reports is checked against the editors' reading (``TRUE_MATCHES``). The
stress one: stretches of MC.DOC/2/05's own provisions, printed as quoting authors print them
(capitals and a line break, a word dropped, an elision, British spellings), must each find their
own provision as the best match.
"""

import re

import pytest

from commitments.models import Provision, ProvisionOrigin, Quotation
from commitments.quotation_matching import match

# (quoting source's locator, held document, provision label): checked by reading both texts.
TRUE_MATCHES = {
    ("fn. 34", "MC.DOC/2/05", "Annex C.1(i)"),  # "strengthening [of] international exchange networks …"
    ("fn. 50", "MC.DOC/2/05", "4.5"),  # "dignified treatment of all individuals wanting to cross borders"
}
_BRITISH = {"organization": "organisation", "labor": "labour", "center": "centre", "program": "programme"}


def _held():
    return list(
        Provision.objects.filter(origin=ProvisionOrigin.FULL_TEXT)
        .exclude(document__kind__in=["study", "web_page", "press_release"])
        .select_related("document")
    )


def _variants(text: str) -> list[str]:
    tokens = text.split()
    if len(tokens) < 14:
        return []
    stretch = tokens[2:14]
    dropped = stretch[:5] + stretch[6:]
    elided = stretch[:4] + ["[…]"] + stretch[6:]
    shouted = " ".join(stretch[:6]).upper() + "\n" + " ".join(stretch[6:])
    british = " ".join(_BRITISH.get(t, t) for t in stretch)
    return [" ".join(stretch), " ".join(dropped), " ".join(elided), shouted, british]


@pytest.mark.django_db
def test_every_match_on_the_corpus_quotations_is_right(corpus):
    held = _held()
    reported = set()
    for quotation in Quotation.objects.all():
        for provision in held:
            if match(quotation.text, provision.text):
                reported.add((quotation.locator, provision.document.symbol, provision.label))
    assert reported == TRUE_MATCHES  # precision 2/2, and no true match missed


@pytest.mark.django_db
def test_stretches_of_the_held_text_printed_as_quoted_find_their_own_provision(corpus):
    held = _held()
    right = wrong = missed = 0
    for source in held:
        for variant in _variants(source.text):
            scored = [(found.score, p.pk) for p in held if (found := match(variant, p.text))]
            if not scored:
                missed += 1
                continue
            # The importer credits the best match (``importing.quotations.matching_provision``);
            # another provision holding the very same words is no error.
            best = max(scored)[1]
            words = re.sub(r"\W+", " ", variant.lower())
            same = {p.pk for p in held if words in re.sub(r"\W+", " ", p.text.lower())}
            if best == source.pk or best in same:
                right += 1
            else:
                wrong += 1
    assert (right, wrong, missed) == (230, 0, 0)  # 46 provisions of 14 words or more, 5 ways each
