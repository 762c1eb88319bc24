"""How the API answers bad requests: 400 with a JSON body that names each wrong parameter."""

from django.http import QueryDict
from rest_framework import exceptions
from rest_framework.views import exception_handler

MAX_PARAMETER_LENGTH = 1000


class InvalidQueryParameters(exceptions.APIException):
    """One or more query parameters are unknown or malformed.

    The body is ``{"detail": "Invalid query parameter(s): page.", "errors": {"page": ["…"]}}``.
    """

    status_code = 400
    default_code = "invalid_parameters"

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        names = ", ".join(sorted(errors))
        super().__init__(
            detail={
                "detail": f"Invalid query parameter(s): {names}.",
                "errors": {name: [str(message) for message in messages] for name, messages in errors.items()},
            }
        )


def check_query_parameters(params: QueryDict, *, allowed: set[str]) -> None:
    """Refuse unknown parameters and values no filter could ever match.

    Unknown names are refused rather than ignored so that a misspelt filter
    (``categroy=forced``) cannot silently widen a researcher's result.
    """
    errors: dict[str, list[str]] = {}
    for name, values in params.lists():
        if name not in allowed:
            known = ", ".join(sorted(allowed))
            errors[name] = [f"Unknown parameter. Known parameters: {known}."]
            continue
        for value in values:
            if "\x00" in value:
                errors.setdefault(name, []).append("Null characters are not allowed.")
            elif len(value) > MAX_PARAMETER_LENGTH:
                errors.setdefault(name, []).append(
                    f"Ensure this value has at most {MAX_PARAMETER_LENGTH} characters."
                )
    if errors:
        raise InvalidQueryParameters(errors)


def api_exception_handler(exc, context):
    """DRF's handler, with every validation error in the shape of ``InvalidQueryParameters``."""
    if isinstance(exc, exceptions.ValidationError) and not isinstance(exc, InvalidQueryParameters):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        exc = InvalidQueryParameters(
            {
                name: messages if isinstance(messages, list) else [messages]
                for name, messages in detail.items()
            }
        )
    return exception_handler(exc, context)
