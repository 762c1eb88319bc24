"""The taxonomy every provision is tagged with: the OSCE's three dimensions of security and
the five migration categories of section 4.1 of the 2016 study (Marciacq et al.).

Loaded by a data migration; kept here so that tests and the classifier read the same text.
"""

DIMENSIONS = [
    {
        "slug": "politico-military",
        "name": "Politico-military dimension",
        "description": (
            "The first dimension of security: arms control, confidence- and security-building "
            "measures, conflict prevention, border security and management, policing, and the "
            "fight against terrorism and transnational organized crime."
        ),
    },
    {
        "slug": "economic-environmental",
        "name": "Economic and environmental dimension",
        "description": (
            "The second dimension of security: economic co-operation, good governance and "
            "environmental security. Migration entered the OSCE's mandate through it, with the "
            "Helsinki Final Act's provisions on migrant workers."
        ),
    },
    {
        "slug": "human",
        "name": "Human dimension",
        "description": (
            "The third dimension of security: human rights and fundamental freedoms, democracy "
            "and the rule of law, tolerance and non-discrimination, national minorities, and the "
            "rights of migrants and their families."
        ),
    },
]

MIGRATION_CATEGORIES = [
    {
        "slug": "labour",
        "name": "Labour migration",
        "study_section": "4.1.1",
        "description": (
            "The orderly movement of workers for the benefit of both countries of origin and "
            "destination: employment opportunities at home, circular migration, return and "
            "reintegration of migrant workers, skills and qualifications, remittances and the "
            "investment of migrants' savings, legal migration channels, and the contribution of "
            "migration to sustainable development and co-development."
        ),
    },
    {
        "slug": "human",
        "name": "Human dimension of migration",
        "study_section": "4.1.2",
        "description": (
            "The rights of migrant workers and their families: equality of rights with nationals "
            "in employment, social security and training, family reunification, satisfactory "
            "living and housing conditions, pensions and education for migrants' children; the "
            "condemnation of discrimination, intolerance and xenophobia towards migrants; "
            "integration policies and respect for cultural and religious diversity."
        ),
    },
    {
        "slug": "environmental",
        "name": "Environmental migration",
        "study_section": "4.1.3",
        "description": (
            "Migration induced by environmental catastrophes, man-made disasters or climate "
            "change: environmental refugees and internally displaced persons, the impact of "
            "environmental degradation and climate change on migratory pressures, and "
            "preparedness for it."
        ),
    },
    {
        "slug": "illegal",
        "name": "Illegal migration",
        "study_section": "4.1.4",
        "description": (
            "Combating illegal migration, the smuggling of migrants and trafficking in human "
            "beings: their root causes in economic and social disparities, border security and "
            "management, law-enforcement co-operation and information-sharing, and the links "
            "between smuggling and money-laundering."
        ),
    },
    {
        "slug": "forced",
        "name": "Forced migration",
        "study_section": "4.1.5",
        "description": (
            "Mass flows of refugees and displaced persons: co-operation between countries of "
            "origin, transit and destination, sharing the common burden, protection of and "
            "assistance to refugees, internally displaced persons and asylum seekers, and "
            "durable solutions including voluntary return."
        ),
    },
]


def ensure_taxonomy(dimension_model=None, category_model=None) -> None:
    """Create or refresh the taxonomy rows from the lists above.

    The data migration calls this with historical models; tests whose database was flushed
    (transactional tests) and the corpus loader call it with the real ones.
    """
    if dimension_model is None or category_model is None:
        from commitments.models import Dimension, MigrationCategory

        dimension_model, category_model = Dimension, MigrationCategory
    for position, fields in enumerate(DIMENSIONS, start=1):
        dimension_model.objects.update_or_create(
            slug=fields["slug"], defaults={**fields, "position": position}
        )
    for position, fields in enumerate(MIGRATION_CATEGORIES, start=1):
        category_model.objects.update_or_create(
            slug=fields["slug"], defaults={**fields, "position": position}
        )
