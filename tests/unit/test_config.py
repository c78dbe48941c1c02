"""Configuration: flag > HECT_* environment > .env file > default, one test per link, and
errors that name where the bad value came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from hect_automation.config import Settings, ask_credentials, load_settings
from hect_automation.errors import ConfigError


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(__import__("os").environ):
        if name.startswith("HECT_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def dotenv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / ".env"
    path.write_text(text)
    return path


def test_default_applies_when_nothing_is_set(tmp_path: Path) -> None:
    settings = load_settings({}, env_file=tmp_path / ".env")
    assert settings.base_url == "https://hect.hubeurope.com"
    assert settings.operator_timeout == 600
    assert settings.artifacts_dir == Path("hect-runs")
    assert settings.trace == "retain-on-failure"


def test_dotenv_beats_default(tmp_path: Path) -> None:
    settings = load_settings({}, env_file=dotenv(tmp_path, "HECT_OPERATOR_TIMEOUT=120\n"))
    assert settings.operator_timeout == 120


def test_environment_beats_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HECT_BASE_URL", "https://env.example")
    settings = load_settings(
        {}, env_file=dotenv(tmp_path, "HECT_BASE_URL=https://dotenv.example\n")
    )
    assert settings.base_url == "https://env.example"


def test_flag_beats_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HECT_TIMEOUT", "30")
    settings = load_settings({"timeout": 5.0, "base_url": None}, env_file=tmp_path / ".env")
    assert settings.timeout == 5.0


def test_a_flag_left_out_does_not_hide_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HECT_ARTIFACTS_DIR", "/srv/runs")
    assert load_settings({"artifacts_dir": None}, env_file=tmp_path / ".env").artifacts_dir == Path(
        "/srv/runs"
    )


def test_the_dotenv_in_the_working_folder_is_read_by_default(tmp_path: Path) -> None:
    dotenv(tmp_path, "HECT_EMAIL=support@acme.example\n")
    assert load_settings().email == "support@acme.example"


def test_bad_environment_value_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HECT_OPERATOR_TIMEOUT", "-5")
    with pytest.raises(
        ConfigError, match=r"^HECT_OPERATOR_TIMEOUT \(environment\): .*greater than 0"
    ):
        load_settings({}, env_file=tmp_path / ".env")


def test_bad_dotenv_value_names_the_file(tmp_path: Path) -> None:
    path = dotenv(tmp_path, "HECT_TRACE=sometimes\n")
    with pytest.raises(
        ConfigError, match=rf"^HECT_TRACE \(in {path}\): .*'on', 'off' or 'retain-on-failure'"
    ):
        load_settings({}, env_file=path)


def test_bad_flag_value_names_the_flag(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^--base-url: must be an http\(s\) URL"):
        load_settings({"base_url": "hect.hubeurope.com"}, env_file=tmp_path / ".env")


def test_missing_browser_executable_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HECT_BROWSER_EXECUTABLE", str(tmp_path / "chrome"))
    with pytest.raises(ConfigError, match="HECT_BROWSER_EXECUTABLE .*is not an executable file"):
        load_settings({}, env_file=tmp_path / ".env")


def test_password_is_secret_in_every_rendering(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HECT_PASSWORD", "canary-pw-1234")
    settings = load_settings({}, env_file=tmp_path / ".env")
    assert "canary-pw-1234" not in repr(settings) + str(settings) + settings.model_dump_json()
    assert (
        settings.password is not None and settings.password.get_secret_value() == "canary-pw-1234"
    )


def test_missing_credentials_are_refused_without_a_terminal() -> None:
    with pytest.raises(ConfigError, match="HECT_EMAIL is not set"):
        ask_credentials(Settings(_env_file=None), interactive=False)  # type: ignore[call-arg]
    with pytest.raises(ConfigError, match="HECT_PASSWORD is not set"):
        ask_credentials(Settings(_env_file=None, email="a@b.example"), interactive=False)  # type: ignore[call-arg]


def test_hect_server_errors_are_retried_four_times_with_doubling_pauses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hect_automation.hect.session import RetryPolicy  # noqa: PLC0415

    settings = load_settings(env_file=tmp_path / "none")
    assert list(RetryPolicy(first_delay=settings.retry_delay).delays()) == [0.25, 0.5, 1.0, 2.0]
    monkeypatch.setenv("HECT_RETRY_DELAY", "-1")
    with pytest.raises(ConfigError, match=r"HECT_RETRY_DELAY \(environment\)"):
        load_settings(env_file=None)
