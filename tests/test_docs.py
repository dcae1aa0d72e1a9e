"""Docs that can't rot: every CLI command and option is in the README, and the README's test
command is what CI runs."""

from __future__ import annotations

import re

import click

from claimtrail.cli import cli

from .conftest import ROOT

README = (ROOT / "README.md").read_text()


def test_every_command_is_documented():
    for name in cli.commands:
        assert f"claimtrail {name}" in README, name


def test_every_analyze_option_is_documented():
    command = cli.commands["analyze"]
    for param in command.params:
        if isinstance(param, click.Option):
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert f"`{opt}" in README, opt


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci/run").read_text()
    commands = re.findall(r"^python3 -m venv .*$", README, re.M)
    assert len(commands) == 2, "README should show exactly two set-up commands"
    main_job, tests = commands
    assert "claimtrail ingest samples/corpus" in main_job and "claimtrail timeline" in main_job
    assert tests in ci.splitlines()


def test_error_codes_are_documented():
    import claimtrail.errors as errors

    codes = {cls.code for cls in vars(errors).values()
             if isinstance(cls, type) and issubclass(cls, errors.ClaimtrailError)}
    codes.discard("E000")
    for code in codes:
        assert code in README, code
