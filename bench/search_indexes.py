"""The peer's index: provisions in django-haystack, the fields a researcher searches and filters by."""

from haystack import indexes

from commitments.models import Provision


class ProvisionIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True)
    dimensions = indexes.MultiValueField(faceted=True)
    categories = indexes.MultiValueField(faceted=True)
    year = indexes.IntegerField(faceted=True, null=True)
    kind = indexes.CharField(model_attr="document__kind", faceted=True)
    document = indexes.CharField(model_attr="document__slug", faceted=True)
    date = indexes.DateField(model_attr="document__date", null=True)

    def get_model(self):
        return Provision

    def index_queryset(self, using=None):
        return Provision.objects.published().with_related()

    def prepare_text(self, obj):
        document = obj.document
        return "\n".join((document.symbol, document.title, obj.heading, obj.text))

    def prepare_dimensions(self, obj):
        return [d.slug for d in obj.dimensions.all()]

    def prepare_categories(self, obj):
        return [c.slug for c in obj.categories.all()]

    def prepare_year(self, obj):
        return obj.document.date.year if obj.document.date else None
