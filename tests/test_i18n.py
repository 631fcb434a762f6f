"""The Vietnamese catalog: complete, compiled, placeholders intact; and the language switch."""

from __future__ import annotations

import gettext
import io
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from gdnn_cli.cli.app import app
from gdnn_cli.common import i18n
from tools.i18n_extract import help_texts

REPO = Path(__file__).parent.parent
PACKAGE = REPO / "src" / "gdnn_cli"
PO = PACKAGE / "locale" / "vi" / "LC_MESSAGES" / "gdnn.po"
MO = PO.with_suffix(".mo")
runner = CliRunner()


def _catalog():
    with PO.open("rb") as fh:
        return read_po(fh)


def _message_ids() -> set[str]:
    """Every message id in the code, found as `pybabel extract -F babel.cfg` finds them."""
    method_map = [("**.py", "tools.i18n_extract:extract")]
    return {m[2] if isinstance(m[2], str) else m[2][0] for m in extract_from_dir(str(PACKAGE), method_map)}


def test_every_message_in_the_code_has_a_vietnamese_translation():
    catalog = _catalog()
    missing = []
    for msgid in sorted(_message_ids()):
        msg = catalog.get(msgid)
        text = None if msg is None else (msg.string[0] if isinstance(msg.string, tuple) else msg.string)
        if not text or msg.fuzzy:
            missing.append(msgid)
    assert not missing, "untranslated (see README, Development: pybabel extract/update/compile):\n" + "\n".join(missing)


def test_extraction_finds_calls_help_texts_and_command_docstrings():
    ids = _message_ids()
    assert "required key '{field}' is missing" in ids  # N_() in schema_errors' table
    assert "wrote {path}" in ids  # _() in cli/core.py and cli/documents.py
    assert "Show this message and exit." in ids
    assert "Old revision (default: HEAD)." in ids  # a plain help="…" in cli/review.py
    assert any(i.startswith("Check every plan, agency and result file") for i in ids)  # a command's docstring


def test_help_texts_reads_docstrings_of_commands_only():
    source = '@app.command("x")\ndef f():\n    """Do x."""\n\ndef g():\n    """Not a command."""\n' \
             'opt = typer.Option(help="Plain help.")\n'
    assert sorted(t for _, t in help_texts(source)) == ["Do x.", "Plain help."]


def test_compiled_catalog_is_current_with_the_po_file():
    with MO.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
    expected = {}
    for msg in _catalog():
        if not msg.id or msg.fuzzy:
            continue
        if isinstance(msg.id, tuple):
            expected[(msg.id[0], 0)] = msg.string[0]
        else:
            expected[msg.id] = msg.string
    got = {k: v for k, v in compiled.items() if k != ""}
    assert got == expected, "run: pybabel compile -d src/gdnn_cli/locale -D gdnn"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_translations_keep_exactly_the_placeholders_of_their_message_id():
    wrong = []
    for msg in _catalog():
        if not msg.id or "python-brace-format" not in msg.flags:  # Babel flags what .format() fills in
            continue
        ids = msg.id if isinstance(msg.id, tuple) else (msg.id,)
        texts = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        for text in texts:
            if text and _fields(text) != _fields(ids[0]):
                wrong.append((ids[0], text))
    assert not wrong


def test_translations_are_nfc():
    import unicodedata

    assert all(unicodedata.is_normalized("NFC", m.string if isinstance(m.string, str) else m.string[0])
               for m in _catalog() if m.id)


def test_vietnamese_is_the_default(monkeypatch):
    monkeypatch.delenv("GDNN_LANG")
    assert i18n.current_language() == "vi"
    assert i18n._("must be a whole number") == "phải là số nguyên"


@pytest.mark.parametrize("value, lang", [("en", "en"), ("EN", "en"), ("vi_VN.UTF-8", "vi"), ("fr", "vi"), ("", "vi")])
def test_gdnn_lang_selects_the_language(monkeypatch, value, lang):
    monkeypatch.setenv("GDNN_LANG", value)
    assert i18n.current_language() == lang


def test_plural_forms(monkeypatch):
    monkeypatch.setenv("GDNN_LANG", "en")
    assert i18n.ngettext("{n} error", "{n} errors", 1).format(n=1) == "1 error"
    assert i18n.ngettext("{n} error", "{n} errors", 2).format(n=2) == "2 errors"
    monkeypatch.setenv("GDNN_LANG", "vi")
    assert i18n.ngettext("{n} error", "{n} errors", 2).format(n=2) == "2 lỗi"


def test_help_is_vietnamese_by_default(monkeypatch):
    monkeypatch.delenv("GDNN_LANG")
    top = runner.invoke(app, ["--help"])
    assert top.exit_code == 0
    assert "Kế hoạch giáo dục nghề nghiệp (GDNN) dưới dạng dữ liệu" in top.output
    assert "Tùy chọn" in top.output and "Lệnh" in top.output
    assert "Kiểm tra mọi tệp kế hoạch, cơ quan và kết quả" in top.output  # a command's short help
    sub = runner.invoke(app, ["validate", "--help"])
    assert "Thư mục dữ liệu (mặc định: $GDNN_DATA hoặc ./data)." in sub.output
    assert "Hiển thị hướng dẫn này rồi thoát." in sub.output


def test_lang_en_gives_english_help(monkeypatch):
    monkeypatch.delenv("GDNN_LANG")
    result = runner.invoke(app, ["--lang", "en", "validate", "--help"])
    assert "Data folder (default: $GDNN_DATA or ./data)." in result.output
    assert "Thư mục" not in result.output


def test_gdnn_lang_en_gives_english_help(monkeypatch):
    monkeypatch.setenv("GDNN_LANG", "en")
    result = runner.invoke(app, ["report", "--help"])
    assert "Write the year-end report (Báo cáo) of each issuer" in result.output


def test_unknown_lang_is_a_usage_error(monkeypatch):
    result = runner.invoke(app, ["--lang", "fr", "validate"])
    assert result.exit_code == 2


def test_lang_switches_validation_messages(mini, monkeypatch):
    monkeypatch.delenv("GDNN_LANG")
    (mini / "plans" / "tp-2025.yaml").write_text(
        (mini / "plans" / "tp-2025.yaml").read_text(encoding="utf-8").replace("value: 200", "value: 210"),
        encoding="utf-8")
    vi = runner.invoke(app, ["validate", "--data", str(mini)])
    en = runner.invoke(app, ["--lang", "en", "validate", "--data", str(mini)])
    assert vi.exit_code == en.exit_code == 1
    assert "210 + 300 + 500 = 1.010, không bằng 1.000" in vi.output
    assert "gợi ý: sửa số của một phần hoặc số tổng để các phần cộng lại bằng tổng" in vi.output
    assert "210 + 300 + 500 = 1.010, not 1.000" in en.output
    assert "hint: correct a part or the total so that the parts add up" in en.output


def test_language_from_argv_sets_the_language_before_help_is_built(monkeypatch):
    from gdnn_cli.cli.lang import language_from_argv

    monkeypatch.delenv("GDNN_LANG")
    assert language_from_argv(["--help", "--lang", "en"]) == ["--help"]
    assert i18n.current_language() == "en"
    assert language_from_argv(["validate", "--lang=vi", "-d", "x"]) == ["validate", "-d", "x"]
    assert i18n.current_language() == "vi"
    assert language_from_argv(["--lang", "xx"]) == ["--lang", "xx"]  # left for click to refuse
    assert language_from_argv(["textconv", "--", "--lang", "en"]) == ["textconv", "--", "--lang", "en"]
    assert i18n.current_language() == "vi"


def test_the_installed_command_takes_lang_anywhere(mini, monkeypatch):
    import subprocess
    import sys

    monkeypatch.delenv("GDNN_LANG")
    run = [sys.executable, "-c", "from gdnn_cli.cli.app import main; main()"]
    after = subprocess.run(run + ["validate", "--data", str(mini), "--lang", "en"], capture_output=True, text=True)
    assert after.returncode == 0, after.stderr
    assert "Checked 1 plan file" in after.stdout
    default = subprocess.run(run + ["validate", "--help"], capture_output=True, text=True)
    assert "Thư mục dữ liệu" in default.stdout


def test_po_file_reads_back_as_utf8():
    assert "Language: vi" in PO.read_text(encoding="utf-8")
    assert io.BytesIO(MO.read_bytes()).read(4) in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")


@pytest.mark.parametrize("lang, expected", [("en", "is not inside a git repository"),
                                            ("vi", "không nằm trong kho git nào")])
def test_git_errors_follow_the_language(tmp_path, monkeypatch, lang, expected):
    from gdnn_cli.common.errors import GdnnError
    from gdnn_cli.review import gitdiff

    monkeypatch.setenv("GDNN_LANG", lang)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(GdnnError, match=expected):
        gitdiff.repo_of(tmp_path)


def _gdnn(*args: str, env: dict | None = None):
    import os
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", "from gdnn_cli.cli.app import main; main()", *args],
                          capture_output=True, text=True, env={**os.environ, **(env or {})})


def test_usage_errors_in_vietnamese_by_default(monkeypatch):
    monkeypatch.delenv("GDNN_LANG")
    missing = _gdnn("report")
    assert missing.returncode == 2
    assert missing.stderr.splitlines() == ["Cách dùng: gdnn report [OPTIONS]", "Xem hướng dẫn: 'gdnn report --help'.",
                                           "Lỗi: Thiếu tùy chọn '--year' / '-y'."]
    assert _gdnn("validate", "--strct").stderr.splitlines()[-1] == \
        "Lỗi: Không có tùy chọn --strct (có phải là --strict?)"
    assert _gdnn("gaps", "--year", "abc").stderr.splitlines()[-1] == \
        "Lỗi: Giá trị của '--year' / '-y' không hợp lệ: phải là số nguyên"


def test_usage_errors_in_english_with_lang_en():
    missing = _gdnn("--lang", "en", "report", env={"GDNN_LANG": "vi"})
    assert missing.returncode == 2
    assert missing.stderr.splitlines()[-1] == "Error: Missing option '--year' / '-y'."


@pytest.mark.parametrize("text, expected", [
    ("Missing argument 'plan_id'.", "Thiếu tham số 'plan_id'."),
    ("Got unexpected extra argument (x)", "Thừa tham số: x"),
    ("Got unexpected extra arguments (x y)", "Thừa tham số: x y"),
    ("Option '--year' requires an argument.", "Tùy chọn '--year' cần có giá trị."),
    ("Invalid value for '--lang': Value error, 'fr' is not one of 'vi', 'en'.",
     "Giá trị của '--lang' không hợp lệ: 'fr' không phải là một trong các giá trị 'vi', 'en'."),
    ("Invalid value for '--jobs' / '-j': Input should be greater than or equal to 0",
     "Giá trị của '--jobs' / '-j' không hợp lệ: phải từ 0 trở lên"),
    ("No such command 'x'. Did you mean 'y'?", "No such command 'x'. Có phải là 'y'?"),
    ("Something click says that we do not know", "Something click says that we do not know"),
])
def test_click_messages_by_shape(vi, text, expected):
    from gdnn_cli.cli.lang import translate_click_message

    assert translate_click_message(text) == expected


def test_exit_codes_through_main(mini, monkeypatch):
    monkeypatch.delenv("GDNN_LANG")
    assert _gdnn("--help").returncode == 0
    assert _gdnn().returncode == 2  # no command: help, as a usage error
    assert _gdnn("validate", "--data", str(mini)).returncode == 0
    (mini / "plans" / "tp-2025.yaml").write_text("id: [", encoding="utf-8")
    assert _gdnn("validate", "--data", str(mini)).returncode == 1
