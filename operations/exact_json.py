"""Django's JSON serialization format, with times to the microsecond.

``dumpdata --format json`` cuts every ``datetime`` and ``time`` to the millisecond (it follows
ECMAScript's date format), so a backup restored from it would not be the database it was taken
from. This format writes them in full ISO 8601; Django's own JSON deserializer reads it back,
so archives of either format restore the same way. Registered as ``exact-json`` in
``SERIALIZATION_MODULES``.
"""

import datetime

from django.core.serializers.json import Deserializer  # noqa: F401  (a format needs both halves)
from django.core.serializers.json import Serializer as JSONSerializer


class Serializer(JSONSerializer):
    def _value_from_field(self, obj, field):
        value = field.value_from_object(obj)
        if isinstance(value, datetime.datetime | datetime.time):
            return value.isoformat()
        return super()._value_from_field(obj, field)
