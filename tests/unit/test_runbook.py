"""Runbook files: the shipped ones load, and a bad one is refused with file, key path and
what was expected."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hect_automation.errors import BadInput, RunbookInvalid
from hect_automation.runbook import (
    Target,
    load_runbook,
    runbook_files,
    runbook_for,
    text_or_pattern,
)

GOOD = Path("runbooks/refresh-amazon-token.yaml").read_text()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "refresh-amazon-token.yaml"
    path.write_text(text)
    return path


def test_the_shipped_runbooks_load_and_follow_the_article() -> None:
    assert set(runbook_files()) == {"refresh-amazon-token", "refresh-ebay-token"}
    runbook = load_runbook("refresh-amazon-token")
    assert [step.do for step in runbook.steps] == [
        "open_hect",
        "click",
        "click",
        "click",
        "open_isolated",
        "await_operator",
        "verify",
        "order_poll",
    ]
    assert runbook.steps[1].say == "Click into 'Settings'"
    assert "Private/Incognito" in runbook.steps[4].say


def test_shipped_runbooks_find_things_as_a_person_does() -> None:
    for name in runbook_files():
        text = Path(f"runbooks/{name}.yaml").read_text()
        assert "css:" not in text and "#" not in re.sub(r"(?m)^\s*#.*$", "", text)


def test_a_wrong_step_kind_names_the_key_path(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("do: verify", "do: verfy"))
    with pytest.raises(
        RunbookInvalid, match=rf"^{re.escape(str(path))}: steps\.6: Input tag 'verfy'"
    ):
        load_runbook(str(path))


def test_a_target_with_two_finders_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        GOOD.replace("{control: Settings}", "{role: link, label: Settings}"),
    )
    with pytest.raises(
        RunbookInvalid,
        match=r"steps\.1\.click\.target\.0: give exactly one of role, control, label",
    ):
        load_runbook(str(path))


def test_an_undeclared_input_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('row: "{channel}"', 'row: "{account}"'))
    with pytest.raises(
        RunbookInvalid, match=r"steps\.4\.within\.row uses undeclared input \{account\}"
    ):
        load_runbook(str(path))


def test_broken_yaml_is_refused_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("    do: verify", "    do: [verify"))
    with pytest.raises(RunbookInvalid, match=r"\(line \d+\): not valid YAML"):
        load_runbook(str(path))


def test_an_unknown_runbook_lists_the_known_ones() -> None:
    with pytest.raises(
        BadInput,
        match="no runbook 'refresh-etsy-token'; known runbooks: refresh-amazon-token, refresh-ebay",
    ):
        load_runbook("refresh-etsy-token")


def test_a_bad_regular_expression_is_refused() -> None:
    with pytest.raises(ValueError, match="not a valid regular expression"):
        Target(role="link", name="/connect (channel/i")


def test_slashes_make_a_case_insensitive_pattern() -> None:
    pattern = text_or_pattern("/connect channel/i")
    assert isinstance(pattern, re.Pattern) and pattern.search("CONNECT CHANNEL")
    assert text_or_pattern("Settings") == "Settings"
    assert Target(role="link", name="/sales/i").describe() == "link 'sales'"
    assert Target(label="Email").describe() == "field 'Email'"
    assert Target(control=r"/^\W*(re-?)?connect\W*$|renew token/i").describe() == "'connect'"
    assert Target(image="/success/i").describe() == "image 'success'"


ONLY_VERIFY = GOOD.split("steps:")[0] + "steps:\n  - say: Check it\n    do: verify\n"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (ONLY_VERIFY, "got verify"),
        (re.sub(r"(?s)  - say: >-\n      Navigate to the channel.*?(?=  - say)", "", GOOD), "got "),
        (GOOD.replace("do: open_hect", "do: order_poll"), "got order_poll, click"),
    ],
    ids=["only-verify", "no-private-window", "order-poll-first"],
)
def test_a_runbook_out_of_the_articles_order_is_refused(
    tmp_path: Path, text: str, said: str
) -> None:
    """A reconnect needs HECT, then its private window, then the hand-off: a runbook that
    skips one is refused before anything starts, naming the order it must follow."""
    with pytest.raises(RunbookInvalid, match="steps must be open_hect") as refused:
        load_runbook(str(write(tmp_path, text)))
    assert said in str(refused.value)


def test_a_runbook_for_another_marketplace_is_refused(tmp_path: Path) -> None:
    (tmp_path / "refresh-ebay-token.yaml").write_text(
        GOOD.replace("id: refresh-amazon-token", "id: refresh-ebay-token")
    )
    with pytest.raises(RunbookInvalid, match="runbook refresh-ebay-token is for amazon, not ebay"):
        runbook_for("ebay", tmp_path)
