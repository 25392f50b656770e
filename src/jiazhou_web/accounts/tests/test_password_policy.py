"""Password policy: length ≥ 10 and at least three character classes."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError


@pytest.mark.parametrize("password", ["Jiazhou@2026", "leshan-2026-Kj"])
def test_strong_passwords_pass(password: str) -> None:
    validate_password(password)


@pytest.mark.parametrize("password", ["short1A!", "alllowercaseletters", "lowercase123456"])
def test_weak_passwords_are_refused(password: str) -> None:
    with pytest.raises(ValidationError):
        validate_password(password)
