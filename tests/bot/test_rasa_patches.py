"""bot/rasa_patches is fenced: it patches one Rasa release only (unless overridden), and undoing
it puts back every attribute of Rasa it replaced."""

import sys

import pytest
import rasa

from bot import rasa_cli, rasa_patches
from bot.rasa_patches import SUPPORTED_RASA, UnsupportedRasa, check_version


def test_the_supported_release_is_the_one_installed():
    assert rasa.__version__ == SUPPORTED_RASA  # requirements/rasa.txt and the fence move together
    check_version(SUPPORTED_RASA, env={})


@pytest.mark.parametrize("version", ["3.6.20", "3.6.21.post1", "3.7.0", ""])
def test_another_release_is_refused_unless_overridden(version):
    with pytest.raises(UnsupportedRasa, match=SUPPORTED_RASA):
        check_version(version, env={})
    with pytest.raises(UnsupportedRasa):
        check_version(version, env={rasa_patches.OVERRIDE_ENV: "yes"})  # only "1" overrides
    check_version(version, env={rasa_patches.OVERRIDE_ENV: "1"})


def test_rasa_cli_refuses_to_start_on_another_release(monkeypatch, capsys):
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    monkeypatch.delenv(rasa_patches.OVERRIDE_ENV, raising=False)
    monkeypatch.setattr(sys, "argv", ["rasa_cli", "--version"])
    with pytest.raises(SystemExit) as stopped:
        rasa_cli.main()
    assert stopped.value.code == rasa_cli.EX_CONFIG
    assert "3.7.0" in capsys.readouterr().err
    assert not rasa_patches.installed()


def test_the_override_lets_another_release_be_patched(monkeypatch, rasa_patched):
    rasa_patches.uninstall()
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    monkeypatch.setenv(rasa_patches.OVERRIDE_ENV, "1")
    rasa_patches.install()
    assert rasa_patches.installed()


def _raw(owner, name):
    return vars(owner).get(name)


def test_uninstall_puts_back_every_attribute_it_replaced():
    replaced = [r for module in rasa_patches._modules() for r in module.replacements()]
    originals = {(id(r.owner), r.name): _raw(r.owner, r.name) for r in replaced}
    assert len(originals) == len(replaced) >= 7  # no attribute is patched twice
    rasa_patches.install()
    try:
        for r in replaced:
            assert _raw(r.owner, r.name) is not originals[(id(r.owner), r.name)], r.name
    finally:
        rasa_patches.uninstall()
    for r in replaced:
        assert _raw(r.owner, r.name) is originals[(id(r.owner), r.name)], r.name
    assert not rasa_patches.installed()
