"""The API key in a real Secret Service (gnome-keyring in a D-Bus session)."""

from __future__ import annotations

import keyring
import pytest

from lemon_desktop import keys


def test_the_real_secret_service_is_in_use() -> None:
    # CI runs inside dbus-run-session with gnome-keyring unlocked; a missing part fails here.
    assert "SecretService" in keys.backend_name(), (
        f"expected the Secret Service backend, got {keys.backend_name()}; "
        "run the tests through `sh scripts/dev.sh test`"
    )


def test_round_trip_through_the_keyring() -> None:
    assert keys.load_stored_key() is None
    keys.store_key("  sk-round-trip-123\n")
    assert keys.load_stored_key() == "sk-round-trip-123"
    resolved = keys.resolve_key()
    assert (resolved.key, resolved.source) == ("sk-round-trip-123", "keyring")
    assert keys.delete_stored_key() is True
    assert keys.delete_stored_key() is False
    assert keys.resolve_key().source == "none"


def test_environment_wins_over_the_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    keys.store_key("sk-from-keyring")
    monkeypatch.setenv(keys.ENV_KEY, "sk-from-env")
    assert keys.resolve_key() == keys.ResolvedKey("sk-from-env", "environment")
    keys.delete_stored_key()


@pytest.mark.parametrize(
    ("value", "words"), [("", "empty"), ("  \n", "empty"), ("sk-a b", "spaces")]
)
def test_bad_keys_are_refused_with_a_reason(value: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        keys.store_key(value)


def test_no_backend_explains_the_way_out() -> None:
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(keys.KeyStoreError) as caught:
            keys.store_key("sk-anything")
        assert keys.ENV_KEY in str(caught.value)
        resolved = keys.resolve_key()
        assert resolved.key is None and resolved.problem and "No system keyring" in resolved.problem
    finally:
        keyring.set_keyring(previous)
