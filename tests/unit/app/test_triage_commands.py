"""``python -m bot history import`` and ``python -m bot routing check`` on small files with
errors in them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bot.app.main import main
from bot.app.triage_commands import import_history
from bot.domain.config import load_services_config
from bot.domain.errors import StoreRejected, StoreUnavailable
from storage.client import Database
from storage.lessons import LessonRepository
from tests.e2e.harness import SERVICES_FILE

HISTORY = """id,title,description,type,service
H1,problème de connexion lcq,,incident,app_dev
H2,lcq ne répond plus,depuis ce matin,incident,app_dev
H3,,pas de titre,incident,app_dev
H4,compte windows bloqué,,incidnet,service_desk
H5,imprimante hs,,incident,compta
H6,erreur lcq a la validation,,,app_dev
"""
TICKETS = """id,title,description,type,service
1,lcq plante au démarrage,,incident,app_dev
2,compte bloqué,,,service_desk
3,vpn en panne,,,infra_network
4,,rien,,service_desk
"""


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "history.csv").write_text(HISTORY, encoding="utf-8")
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    return tmp_path


def test_routing_check_learns_from_the_history_and_writes_predictions(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = files / "predictions.csv"
    args = ["routing", "check", "--history", str(files / "history.csv"), str(files / "tickets.csv")]
    assert main([*args, "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert "line 4: no title" in printed.err  # of the history
    assert "line 5: unknown type “incidnet”" in printed.err
    assert "line 6: service “compta” is not in the services file" in printed.err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["id"] for r in rows] == ["1", "2", "3"]  # the ticket without a title is reported
    assert list(rows[0]) == ["id", "service", "type", "confidence", "reasons"]
    assert rows[0]["service"] == "app_dev" and "lcq" in rows[0]["reasons"]  # learned
    assert rows[2]["service"] == "infra_network" and rows[2]["type"] == "incident"
    assert "Service right: 3/3 = 100.0%" in printed.out
    assert "Service confusion matrix" in printed.out
    assert "3 predictions written" in printed.out
    assert "(history lines learned from: 3)" in printed.out

    # without the history, the lexicon alone does not know "lcq"
    assert main(["routing", "check", str(files / "tickets.csv"), "--out", str(out)]) == 0
    lexicon_only = capsys.readouterr().out
    assert "Service right: 2/3 = 66.7%" in lexicon_only
    assert "1 × app_dev → internal_it" in lexicon_only


async def test_history_import_counts_each_line_once(
    files: Path, memory_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    config = load_services_config(None)
    path = files / "history.csv"
    assert await import_history(memory_database, config, path, dry_run=True) == 0
    assert "Lines read: 6; usable: 3; skipped: 3." in capsys.readouterr().out
    assert await LessonRepository(memory_database).all() == []  # a dry run stores nothing

    assert await import_history(memory_database, config, path, dry_run=False) == 0
    printed = capsys.readouterr().out
    assert "Lines read: 6; learned: 3 (new or changed: 3, already known: 0); skipped: 3." in printed
    assert "skipped (unknown type): 1" in printed and "skipped (unknown service): 1" in printed
    stored = await LessonRepository(memory_database).all()
    assert sorted(s.lesson.ticket_id for s in stored) == ["import:H1", "import:H2", "import:H6"]
    assert {s.lesson.type for s in stored} == {"incident", ""}  # H6 has no type

    assert await import_history(memory_database, config, path, dry_run=False) == 0
    assert "(new or changed: 0, already known: 3)" in capsys.readouterr().out
    assert len(await LessonRepository(memory_database).all()) == 3


async def test_history_import_says_when_the_database_fails(
    files: Path,
    memory_database: Database,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def down(*_: object) -> None:
        raise StoreUnavailable("connection refused")

    monkeypatch.setattr(LessonRepository, "record", down)
    config = load_services_config(None)
    code = await import_history(memory_database, config, files / "history.csv", dry_run=False)
    assert code == 1
    assert "run the same command again" in capsys.readouterr().err


async def test_history_import_says_when_the_database_refuses_a_write(
    files: Path,
    memory_database: Database,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def refused(*_: object) -> None:
        raise StoreRejected("WriteError: Document failed validation")

    monkeypatch.setattr(LessonRepository, "record", refused)
    config = load_services_config(None)
    code = await import_history(memory_database, config, files / "history.csv", dry_run=False)
    assert code == 1
    said = capsys.readouterr().err
    assert "the database refused a write (WriteError: Document failed validation)" in said
    assert "again will not help" in said and "not answering" not in said


def test_history_import_refuses_to_import_into_memory(
    files: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MONGODB_URI", raising=False)
    assert main(["history", "import", str(files / "history.csv")]) == 2
    assert "MONGODB_URI is not set" in capsys.readouterr().err


def test_history_import_reads_the_settings_in_env_as_the_bot_does(
    files: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("MONGODB_URI", raising=False)
    monkeypatch.delenv("GUICHET_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("GUICHET_CONFIG=./nowhere.yml\n", encoding="utf-8")
    assert main(["history", "import", str(files / "history.csv")]) == 2
    assert "services file ./nowhere.yml: cannot be read" in capsys.readouterr().err
    monkeypatch.setenv("GUICHET_CONFIG", str(SERVICES_FILE))  # the environment wins, as for the bot
    (tmp_path / ".env").write_text(
        "GUICHET_CONFIG=./nowhere.yml\nMONGODB_URI=mongodb://db:notaport\n", encoding="utf-8"
    )
    assert main(["history", "import", str(files / "history.csv")]) == 2  # was a traceback
    said = capsys.readouterr().err
    assert said.startswith("guichet: configuration error: MONGODB_URI is not a MongoDB address")


def test_a_file_without_a_title_column_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,service\nx,app_dev\n", encoding="utf-8")
    assert main(["routing", "check", str(bad), "--out", str(tmp_path / "o.csv")]) == 2
    assert "no 'title' column" in capsys.readouterr().err


def test_the_example_file_of_the_docs_imports_cleanly(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[3] / "docs" / "history-example.csv"
    out = tmp_path / "o.csv"
    assert (
        main(["routing", "check", "--history", str(example), str(example), "--out", str(out)]) == 0
    )
    assert len(list(csv.DictReader(out.open(encoding="utf-8")))) == 10


async def test_history_import_leaves_out_a_private_services_lines(
    tmp_path: Path, memory_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """A private service's tickets teach nothing, imported or settled in the bot."""
    path = tmp_path / "history.csv"
    path.write_text(
        HISTORY.splitlines()[0]
        + "\nS1,souci zorglub,,incident,security\n"
        + "\n".join(HISTORY.splitlines()[1:3])
        + "\n",
        encoding="utf-8",
    )
    config = load_services_config(SERVICES_FILE)  # security is private: true
    assert await import_history(memory_database, config, path, dry_run=False) == 0
    printed = capsys.readouterr()
    assert "line 2: private service “security”: its tickets teach Guichet nothing" in printed.err
    assert "skipped (private service): 1" in printed.out
    stored = await LessonRepository(memory_database).all()
    assert sorted(s.lesson.ticket_id for s in stored) == ["import:H1", "import:H2"]
