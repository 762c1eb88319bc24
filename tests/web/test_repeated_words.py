"""A paragraph that repeats an adopted paragraph word for word without naming it cites that
paragraph: on the bundled corpus, the OSCE page "Border management" restates MC.DOC/2/05
para. 1, and each page leads to the other. The study's sentence on the Charter for European
Security, in its section 4.1 (kept as quotations, not passages), is linked by the catalogue."""

import pytest

from commitments.models import Relation, RelationKind, RelationOrigin
from documents.models import Document
from importing.catalogue import read_catalogue
from importing.lineage import record_lineage

pytestmark = pytest.mark.django_db


def _border_management_para_4():
    return Document.objects.get(title="Border management").provisions.get(label="4")


def test_the_border_management_page_repeats_mc_doc_2_05_para_1(corpus):
    para_1 = corpus.document("MC.DOC/2/05").provisions.get(label="1")
    repeats = Relation.objects.filter(origin=RelationOrigin.TEXT, target_provision__isnull=False)
    assert [(r.source_provision, r.kind, r.target_provision) for r in repeats] == [
        (_border_management_para_4(), RelationKind.CITES, para_1)
    ]
    assert repeats.get().evidence.startswith(
        "repeats the words of para. 1 without naming it: “Recognizing that border security and management"
    )


def test_each_page_leads_to_the_other(client, corpus):
    para_4 = _border_management_para_4()
    html = client.get(para_4.document.get_absolute_url()).content.decode()
    beside = html[
        html.index(f'id="{para_4.anchor}"') : html.index("</article>", html.index(f'id="{para_4.anchor}"'))
    ]
    link = '<a href="/documents/mc-doc-2-05/#p-1">MC.DOC/2/05, para. 1</a>'
    assert f'<p class="provision__links">Cites {link}.</p>' in beside
    para_1 = corpus.document("MC.DOC/2/05").provisions.get(label="1")
    page = client.get(para_1.get_absolute_url()).content.decode()
    taken_up = page[page.index("<h3>Later provisions that take it up</h3>") :]
    assert (
        f'<a href="{para_4.get_absolute_url()}">Border management, para. 4</a>' in taken_up.split("</ul>")[0]
    )


def test_reading_again_changes_nothing_and_a_changed_text_loses_its_link(corpus):
    aliases = read_catalogue().aliases()
    assert record_lineage(aliases) == 0
    para_4 = _border_management_para_4()
    para_4.text = "Recognizing that border security matters, the States work together."
    para_4.save()
    assert record_lineage(aliases, document_ids=[para_4.document_id]) == 1
    assert not Relation.objects.filter(source_provision=para_4).exists()


def test_the_study_s_sentence_on_the_charter_for_european_security_links_it(client, corpus):
    charter = Document.objects.get(slug="charter-for-european-security-1999")
    study = Document.objects.get(kind="study")
    link = Relation.objects.get(source_document=study, target_document=charter)
    assert (link.kind, link.stated_in, link.origin) == (RelationKind.CITES, study, RelationOrigin.CURATOR)
    html = client.get(charter.get_absolute_url()).content.decode()
    cited_by = html[html.index("<h4>Cited by</h4>") :].split("</ul>")[0]
    assert study.get_absolute_url() in cited_by
    assert "“In 1999, the Charter for European Security built on the EED-security nexus" in cited_by
