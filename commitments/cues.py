# ruff: noqa: E501  (a table of cues reads best one cue a line)
"""The classifier's cues: phrases that are evidence for a dimension or a migration category.

Written from the taxonomy's descriptions (``commitments.taxonomy``, the study's own wording of
its section 4.1), the prose of that section and ``DOMAIN.md``, and checked on the calibration
part of the curated corpus only (``commitments.classifier.part_of``); the evaluation part is
what ``classifier_report`` measures them on.

A cue is a phrase, not a word, wherever a word alone misleads: "border" is evidence of the
politico-military dimension, never of illegal migration; "forced" of forced migration only in
"forced migration" or "forced displacement", never in "forced labour"; "legal" of nothing.
``unless`` lists contexts in which a match does not count ("legal migration" counts, "legal
opinion" has no cue at all; "integration" counts, "a more integrated OSCE area" does not);
``needs`` says what else the text must speak of ("climate change" is evidence of
environmental migration only in a text about migration).

Patterns are regular expressions over the folded text (lower case, typographic quotes and
dashes made plain), matched at word boundaries; ``\\w*`` takes any ending.
"""

from dataclasses import dataclass

# The rights and conditions of migrant workers are the human dimension of migration (study 4.1.2).
RIGHTS_OF_WORKERS = r"(equality of rights|rights) (between|of) migrant workers|migrant workers may enjoy"
# The study's and the Assembly's name for the events of 2015-2016, not evidence of what a text is about.
REFUGEE_CRISIS = (
    r"(migration and )?refugee (and migration )?crisis|migration and refugee flows|world refugee day"
)
# Asylum seekers smuggled are the victims of a crime (illegal migration), not refugees fleeing.
SMUGGLED = r"smuggl\w* (of )?asylum seekers( and migrants)?"
MIGRATION = r"migra\w*|migrants?|immigra\w*|emigra\w*|refugees?|asylum|displaced|displacement"
# A post in a list of staff ("Head of Human Dimension Department", "Human Rights Advisor") names
# no subject of the text.
JOB_TITLE = r"(department|advis[eo]r|officer|programme manager|programme assistant)"
# Integration into the EU or a region is not the integration of migrants.
NOT_MIGRANTS_INTEGRATION = r"(regional|economic|european|eu) integration"


@dataclass(frozen=True)
class CueSpec:
    tag: str
    phrase: str  # how a curator reads it, shown as the words that fired
    pattern: str
    weight: float
    unless: tuple[str, ...] = ()
    needs: str = ""


def _cues(tag: str, rows: list[tuple]) -> list[CueSpec]:
    specs = []
    for row in rows:
        phrase, pattern, weight, *rest = row
        options = rest[0] if rest else {}
        specs.append(
            CueSpec(
                tag=tag,
                phrase=phrase,
                pattern=pattern,
                weight=weight,
                unless=tuple(options.get("unless", ())),
                needs=options.get("needs", ""),
            )
        )
    return specs


CATEGORY_CUES = [
    *_cues("labour", [
        ("labour migration", r"labour migra\w*|labour migrants?", 3.0),
        ("migrant workers", r"migrant workers?|movement of workers|workers' mobility|mobility of workers", 3.0,
         {"unless": (RIGHTS_OF_WORKERS,)}),
        ("circular migration", r"circular migration", 3.0),
        ("remittances", r"remittances?", 3.0),
        ("legal migration", r"legal migration", 2.5),
        ("labour markets", r"labour markets?|skilled labour|employment opportunit\w*|opportunities for employment", 2.5),
        ("return and reintegration", r"reintegration|return and reintegration", 1.5, {"needs": MIGRATION}),
        ("pensions and qualifications", r"portability of pensions|recognition of (foreign )?qualifications", 2.0),
        ("co-development", r"co-development", 2.5),
        ("sustainable development", r"sustainable development", 1.5, {"needs": MIGRATION}),
        ("economic co-operation", r"economic co-operation|economic development|investment\w*|savings", 1.0,
         {"needs": MIGRATION}),
    ]),
    *_cues("human", [
        ("rights of migrants", r"(human )?rights of (all )?(migrants?|migrant workers)|migrants' rights", 3.0),
        ("xenophobia", r"xenophob\w*", 2.5),
        ("racism", r"racis\w*|racial", 2.0),
        ("intolerance", r"intolerance", 2.0),
        ("discrimination", r"discriminat\w*", 2.0, {"unless": (r"without prejudice",)}),
        ("integration of migrants", r"(successful|sustainable) integration|integration (policies|of migrants)",
         2.5),
        ("integration", r"integration", 1.0, {"unless": (NOT_MIGRANTS_INTEGRATION,)}),
        ("families of migrants", r"famil(y|ies) reunification|reuniting of \w+ workers with their families"
         r"|(migrants?|workers) and their famil\w*|their family members", 2.0),
        ("equality of rights", r"equality of rights|equal access to education", 2.5),
        ("living and housing conditions", r"(living|housing) conditions", 2.5, {"needs": MIGRATION + "|migrant workers"}),
        ("tolerance and diversity", r"cultural and religious diversity|tolerance and non-discrimination", 2.0),
        ("Roma and Sinti", r"roma and sinti", 1.5),
        ("freedom of movement", r"freedom of movement|leave any country|return to (his|her|their) (own )?country",
         2.5),
    ]),
    *_cues("environmental", [
        ("environmental migration", r"environmental (migra\w*|refugees?)|environmentally induced", 3.5),
        ("climate change", r"climate change", 2.5, {"needs": MIGRATION}),
        ("environmental degradation", r"environmental degradation|environmental catastroph\w*", 2.0,
         {"needs": MIGRATION}),
        ("disasters", r"(natural|man-made) disasters?", 1.5, {"needs": MIGRATION}),
        ("migratory pressures", r"migratory pressures?", 1.0),
    ]),
    *_cues("illegal", [
        ("illegal migration", r"(illegal|irregular|clandestine) (migra\w*|immigra\w*|border crossings?)", 3.5),
        ("smuggling of migrants", r"smuggl\w* of migrants|migrant smuggling|human smuggling"
         r"|smuggl\w* (asylum seekers|migrants)", 3.5),
        ("trafficking in human beings", r"trafficking (in|of) ([\w-]+,? ){0,4}(and )?(human beings|persons)"
         r"|human trafficking|trafficking of all kinds", 2.5),
        ("false documents", r"(illegal|false|forged|fraudulent) (or false )?(travel )?documents", 2.5),
        ("exploitation of migrants", r"exploitation of (vulnerable )?(asylum seekers|migrants|persons)", 2.5),
        ("migration agencies", r"migration agencies", 1.5),
        ("smuggling", r"smuggl\w*", 1.0, {"needs": MIGRATION}),
        ("root causes of trafficking", r"root causes of trafficking", 1.0),
    ]),
    *_cues("forced", [
        ("forced migration", r"forced (migration|displacement)|forcibly displaced", 3.5),
        ("refugees", r"refugees?", 2.5,
         {"unless": (r"environmental refugees?", r"refugees? and humanitarian law", REFUGEE_CRISIS)}),
        ("refugee law", r"refugee,? and humanitarian law|refugee law", 2.0),
        ("asylum", r"asylum( seekers?)?", 2.5, {"unless": (SMUGGLED,)}),
        ("displaced persons", r"(internally )?displaced persons|displacement", 2.5,
         {"unless": (r"environmental refugees and internally displaced",)}),
        ("mass flows", r"mass (flows?|movements?|influx)", 2.0),
        ("durable solutions", r"durable solutions?|voluntary (return|repatriation)|return in safety", 2.5),
        ("burden sharing", r"share the common burden|burden[- ]sharing", 2.0),
        ("humanitarian law", r"humanitarian law|protection of (the )?civilian\w*", 1.5),
        ("dignified treatment", r"dignified treatment", 1.5),
        ("countries of origin, transit and destination", r"origin, transit and destination", 1.0),
    ]),
]  # fmt: skip

DIMENSION_CUES = [
    *_cues("politico-military", [
        ("border security and management", r"border (security|management|services?|police|officials|guards"
         r"|controls?|checkpoints?|structures|issues)|border-related|border-crossing|secure borders"
         r"|(managing|manage|secure) (its |their )?borders", 2.5),
        ("borders", r"borders?|cross-border", 1.0, {"unless": (r"within the borders of",)}),
        ("terrorism", r"terroris\w*", 2.5),
        ("organized crime", r"organi[sz]ed crime|criminal (networks|activities|matters)|crimes?", 2.0),
        ("arms control", r"arms control|weapons|military|confidence-building|forum for security co-operation",
         2.5),
        ("policing", r"police|policing|law enforcement|prosecutors?|investigat\w*|extradition", 2.0),
        ("trafficking and smuggling", r"smuggl\w*|illicit trafficking|trafficking in (weapons|drugs)|drugs|(illegal|irregular) migration", 2.0),
        ("conflict", r"conflict[- ](prevention|resolution)|conflicts?", 2.0),
        ("security co-operation", r"security co-operation|security sector|transnational threats", 2.0),
        ("travel documents and visas", r"travel documents|visas?", 2.0),
        ("transport security", r"security of the international transport|transport security", 2.0),
    ]),
    *_cues("economic-environmental", [
        ("economic", r"economic\w*(-environmental)?|econom(y|ies)", 2.0),
        ("trade and investment", r"trade|commerce|commodities|goods|investments?|business", 1.5,
         {"unless": (r"business[- ]as[- ]usual",)}),
        ("goods, services and investments", r"goods, services and investments", 2.5),
        ("environment", r"environment(al)?\b(?!(al)? refugees)", 2.0),
        ("climate and disasters", r"climate change|(natural )?disasters?|hazardous wastes", 2.0),
        ("labour migration", r"labour|migrant workers?|remittances?|employment|savings", 2.0),
        ("development", r"(economic|social|sustainable|co-|community|joint economic) ?development"
         r"|development interests", 2.0),
        ("transport and customs", r"transport|customs procedures|import, export( and transit)?", 2.0),
        ("governance", r"(good )?governance", 1.5),
        ("prosperity", r"prosperity", 1.0),
    ]),
    *_cues("human", [
        ("human rights", r"human rights|fundamental freedoms|human dimension", 2.5,
         {"unless": (rf"(human rights|human dimension) {JOB_TITLE}",)}),
        ("rule of law and democracy", r"rule of law|democrati[sz]ation|democratic institutions", 2.0,
         {"unless": (rf"(rule of law|democrati[sz]ation|democratic governance),? {JOB_TITLE}",)}),
        ("refugees and asylum", r"refugees?|asylum|displaced persons", 2.0, {"unless": (SMUGGLED, REFUGEE_CRISIS)}),
        ("humanitarian law", r"humanitarian", 2.0),
        ("tolerance and non-discrimination", r"discriminat\w*|xenophob\w*|intolerance|racis\w*|tolerance", 2.0),
        ("minorities and communities", r"minorit\w*|inter-ethnic|communities|roma and sinti", 1.5),
        ("gender and education", r"gender|education", 2.0),
        ("integration of migrants", r"integration", 1.5, {"unless": (NOT_MIGRANTS_INTEGRATION,)}),
        ("dignity", r"dignified|dignity", 2.0),
        ("movement of persons", r"freedom of movement|free (and secure )?movement of persons|leave any country",
         2.0),
        ("rights of migrants", r"rights of (migrants|migrant workers)|migrant workers|living conditions", 2.0),
    ]),
]  # fmt: skip
