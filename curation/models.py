"""Rows the curation face keeps for itself: login attempts, counted for the login throttle."""

from django.db import models


class LoginAttempt(models.Model):
    """One attempt to log in to the admin, kept for ``LOGIN_FAILURE_WINDOW_SECONDS``; a
    successful login removes its user name's attempts from its address."""

    address = models.CharField(max_length=45)
    username_digest = models.CharField(max_length=64)  # SHA-256 of the lower-cased name
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["address", "username_digest"])]

    def __str__(self) -> str:
        return f"login attempt from {self.address} at {self.at:%Y-%m-%d %H:%M:%S}"
