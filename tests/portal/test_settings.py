"""Production settings refuse to start without their required environment."""

import os

import pytest

from tests.processes import start_django


def run_with(env_overrides: dict, tier: str):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    env.update(env_overrides)
    return start_django(tier, env)


@pytest.mark.parametrize("tier", ["public", "staff"])
def test_production_refuses_to_start_without_required_environment(tier):
    result = run_with({"PORTAL_ENV": "production"}, tier)
    assert result.returncode != 0
    assert "Production settings need these environment variables" in result.stderr
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("tier", ["public", "staff"])
def test_dev_environment_starts_with_embedded_defaults(tier, tmp_path):
    result = run_with({"PORTAL_ENV": "dev", "PORTAL_DATA_DIR": str(tmp_path)}, tier)
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_unknown_environment_name_is_refused():
    result = run_with({"PORTAL_ENV": "staging"}, "public")
    assert result.returncode != 0
    assert "PORTAL_ENV must be dev, test or production" in result.stderr
