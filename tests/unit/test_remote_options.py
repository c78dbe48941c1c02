"""The remote hand-off's options: a wrong one is one line and exit 2, before any work."""

from __future__ import annotations

import pytest

from hect_automation.errors import BadInput
from hect_automation.remote import listen_address, public_base


@pytest.mark.parametrize("text", ["8765", "localhost", ":80", "host:port", "1.2.3.4:70000"])
def test_a_listen_address_needs_host_and_port(text: str) -> None:
    with pytest.raises(BadInput, match="give HOST:PORT"):
        listen_address(text)


def test_a_listen_address_is_read() -> None:
    assert listen_address("0.0.0.0:8765") == ("0.0.0.0", 8765)  # noqa: S104 - read, not bound
    assert listen_address("[::1]:0") == ("::1", 0)


@pytest.mark.parametrize(
    "text",
    ["ftp://relay.example", "relay.example", "https://u:p@relay.example", "https://r.example/#x"],
)
def test_a_public_url_is_an_http_address_only(text: str) -> None:
    with pytest.raises(BadInput, match="--public-url"):
        public_base(text)


def test_a_public_url_keeps_its_path() -> None:
    assert public_base("https://relay.example/handoff/") == "https://relay.example/handoff"
