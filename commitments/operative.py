"""Whether a provision's text commits anyone, and whether it is a preambular paragraph.

An OSCE decision opens with preambular paragraphs ("Recalling …", "Recognizing …",
"Reaffirming …") and goes on with operative ones ("Decides …", "Tasks …", "The participating
States will …"). Only operative text makes a commitment; preambular paragraphs are kept as
provisions (they are cited and searched like any other) but commit no one. Descriptive text
(a report, a web page) and what the OSCE "could offer" commit no one either.

The rule reads words only. Importers call it for every provision they recognise; curators
overrule it per provision in ``fixtures/curation`` (``classifier_report`` measures how often
they had to).
"""

import re
from dataclasses import dataclass

# Participles and adjectives that open a preambular paragraph of an OSCE decision.
_PREAMBULAR_OPENERS = (
    "Recalling", "Recognizing", "Recognising", "Reaffirming", "Reiterating", "Noting", "Taking note",
    "Welcoming", "Acknowledging", "Bearing in mind", "Taking into account", "Taking into consideration",
    "Considering", "Convinced", "Concerned", "Deeply concerned", "Alarmed", "Aware", "Mindful",
    "Conscious", "Emphasizing", "Emphasising", "Underlining", "Stressing", "Determined", "Desiring",
    "Guided by", "Expressing", "Affirming", "Appreciating", "Commending", "Building on", "Seeking",
    "Striving", "Having", "Encouraged by", "Gravely concerned", "Further recalling", "Also recalling",
)  # fmt: skip
_PREAMBULAR_OPENING = re.compile(
    r"^[\s“\"‘']*(?:" + "|".join(re.escape(o) for o in _PREAMBULAR_OPENERS) + r")\b"
)

# Who undertakes something in an operative sentence.
_SUBJECT = (
    r"(?:the\s+)?(?:OSCE\s+)?(?:participating States|Ministerial Council|Permanent Council|Council"
    r"|Chairperson-in-Office|Secretary General|Secretariat|OSCE|they|we|it)"
)
# An operative sentence of the paragraph's own: a subject and a finite verb at the start of a
# sentence or after a comma ("…, the OSCE participating States reaffirm …"); after "that" they
# belong to the participle ("Recognizing that the OSCE should …" stays preambular).
_MAIN_CLAUSE = re.compile(
    rf"(?:^|[,.;:]\s+)(?:(?:in doing so|in this regard|therefore|moreover|accordingly)\s*,\s*)?{_SUBJECT}\s+"
    r"(?:(?:also|further|hereby|therefore|again|fully|firmly|jointly)\s+)*"
    r"(?:will|shall|should|must|reaffirm|reiterate|commit|decide|agree|undertake|pledge|call|encourage"
    r"|task|request|urge|invite|instruct|adopt|endorse|declare|support|recommend|condemn)s?\b",
    re.IGNORECASE,
)
# Operative words anywhere in a paragraph. Base forms that are also nouns or participles
# ("upon request", "Reaffirming") count only in a sentence of their own (``_MAIN_CLAUSE``).
_OPERATIVE = re.compile(
    r"\b(?:will|shall|should|commit(?:s|ted)? (?:themselves|ourselves|itself)|reaffirms|reaffirmed"
    r"|undertakes? to|undertake efforts|pledges?|decides|decided|tasks|calls? (?:on|upon)|encourages"
    r"|urges|requests|invites|instructs|adopts|endorses)\b",
    re.IGNORECASE,
)
# Operative verbs at the head of an operative paragraph of a decision: "Decides to …", "Tasks …".
_OPERATIVE_OPENING = re.compile(
    r"^[\s“\"‘']*(?:\d+\.\s*)?(?:Decides|Tasks|Encourages|Calls (?:on|upon)|Requests|Urges|Invites"
    r"|Instructs|Adopts|Endorses|Agrees|Commits|Declares|Welcomes|Supports|Reaffirms|Recommends)\b"
)
# What the OSCE could do for States is an offer, not an undertaking.
_OFFER = re.compile(
    r"\b(?:could|can|may|might)\s+(?:also\s+)?(?:offer|address|assist|help|provide|include|constitute"
    r"|be put into practice|prove useful)\b|\bpossible OSCE contributions?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reading:
    """What the rule makes of a paragraph, and why, in a curator's words."""

    is_commitment: bool
    preamble: bool
    reason: str


def is_preambular(text: str) -> bool:
    """A paragraph that opens with a preambular participle and has no operative sentence of its
    own: "Recalling the Helsinki Final Act, …" is; "Recognizing that …, the participating States
    reaffirm …" (MC.DOC/2/05, para. 1) is not."""
    return bool(_PREAMBULAR_OPENING.match(text)) and not _MAIN_CLAUSE.search(text)


def read_provision(text: str, *, context: str = "", preamble: bool | None = None) -> Reading:
    """Read one paragraph: ``context`` is the text it continues (an annex item's lead-in),
    ``preamble`` the importer's own finding (a PDF's layout) when it has one."""
    if preamble is None:
        preamble = is_preambular(text)
    if preamble:
        return Reading(False, True, "preambular paragraph: it recalls or recognizes, it does not commit")
    if _OPERATIVE_OPENING.match(text):
        return Reading(True, False, "opens with an operative verb")
    if _MAIN_CLAUSE.search(text):
        return Reading(True, False, "its subject undertakes something (will, reaffirm, agree …)")
    if _OFFER.search(text) or _OFFER.search(context):
        return Reading(False, False, "what the OSCE could offer, not an undertaking")
    if _OPERATIVE.search(text) or _OPERATIVE.search(context) or _MAIN_CLAUSE.search(context):
        return Reading(True, False, "an operative verb (will, commit themselves, reaffirm, decides …)")
    return Reading(False, False, "no operative verb: descriptive text")
