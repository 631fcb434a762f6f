"""cli/options.py without the CLI: the shared helpers every command module uses to load the data and
refuse wrong ids before doing any work."""

from __future__ import annotations

import datetime as dt

import pytest
import typer

from gdnn_cli.cli.options import did_you_mean, jobs_or_cores, load_for, year_or_this
from gdnn_cli.common.errors import UsageError
from tests.conftest import edit, plan_path


def test_load_for_returns_the_valid_data(mini):
    ds = load_for(mini, "tp-2025")
    assert ds.ok and "tp-2025" in ds.plans


def test_load_for_refuses_an_unknown_plan_with_the_nearest_id(mini):
    with pytest.raises(UsageError, match=r"no plan with id 'tp-2052'; did you mean 'tp-2025'\?"):
        load_for(mini, "tp-2052")


def test_load_for_refuses_an_unknown_issuer(mini):
    with pytest.raises(UsageError, match="no agency with id 'nobody'"):
        load_for(mini, None, "nobody")


def test_load_for_exits_1_on_invalid_data(mini, capsys):
    edit(plan_path(mini), "value: 200", "value: 12.000")
    with pytest.raises(typer.Exit) as exit_:
        load_for(mini)
    assert exit_.value.exit_code == 1 and "nothing was written" in capsys.readouterr().err


def test_did_you_mean_names_at_most_three_ids_never_the_whole_list():
    pool = [f"hn-{y}-gdnn" for y in range(2000, 2030)]
    hint = did_you_mean("hn-2025-gdn", pool)
    assert "'hn-2025-gdnn'" in hint and hint.count("'") <= 6
    assert did_you_mean("zzz", pool) == "; `gdnn validate --format json` lists the ids"


def test_year_and_jobs_defaults():
    assert year_or_this(2024) == 2024 and year_or_this(None) == dt.date.today().year
    assert jobs_or_cores(3) == 3 and jobs_or_cores(0) >= 1
