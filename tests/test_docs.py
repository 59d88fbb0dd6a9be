"""README's configuration table agrees with the code (datasette's manner: docs are tested).

Each row's flag exists on the commands of its "used by" column, reads the row's environment
variable, and defaults to the row's default; every QA_ variable the package reads has a row.
"""

import ast
import re
from pathlib import Path

import click
import pytest

import qa.cli

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
QA = ROOT / "qa"
# Read by the package but deliberately left out of the README table (none at present).
UNDOCUMENTED: set[str] = set()
# os.environ.get("QA_X", default), _env(...), env_number("QA_X", default, minimum), and the
# CLI's envvar="QA_X" (its default is the option's, checked by the flag rows)
ENV_READ = re.compile(
    r"""(?:os\.environ\.get|_env|env_number)\(\s*["'](QA_\w+)["']\s*(?:,\s*([^,)]*))?[,)]"""
)
CLI_ENV = re.compile(r"""envvar=["'](QA_\w+)["']""")


def _table() -> list[dict[str, str]]:
    text = README.read_text(encoding="utf-8")
    section = text.split("### Configuration", 1)[1].split("\n#", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    assert header == ["flag", "env", "default", "used by"], header
    rows = []
    for line in lines[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        rows.append(dict(zip(header, cells, strict=True)))
    assert rows
    return rows


ROWS = _table()


def _code(cell: str) -> str | None:
    """The first `literal` of a cell outside parentheses, else its first word (off, unset)."""
    cell = re.sub(r"\(.*?\)", "", cell)
    m = re.search(r"`([^`]*)`", cell)
    if m:
        return m.group(1)
    return cell.split()[0] if cell.split() else None


def _commands(cell: str) -> list[str]:
    """ "index (serve follows the index)" -> ["index"]; "index, serve" -> both."""
    return [c.strip() for c in re.sub(r"\(.*?\)", "", cell).split(",") if c.strip()]


def _option(command: str, flag: str) -> click.Option:
    cmd = qa.cli.main.commands[command]
    for param in cmd.params:
        if isinstance(param, click.Option) and flag in param.opts:
            return param
    raise AssertionError(f"`qa {command}` has no {flag} (README.md Configuration table)")


def _env_reads() -> dict[str, set[str]]:
    """QA_ variable -> the default expressions with which qa/ reads it."""
    reads: dict[str, set[str]] = {}
    for path in sorted(QA.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for name, default in ENV_READ.findall(text):
            reads.setdefault(name, set()).add(f"{path.relative_to(ROOT)}: {default.strip()}")
        for name in CLI_ENV.findall(text):
            reads.setdefault(name, set()).add(f"{path.relative_to(ROOT)}: the option's default")
    return reads


FLAG_ROWS = [r for r in ROWS if r["flag"]]


@pytest.mark.parametrize("row", FLAG_ROWS, ids=[r["flag"].strip("`") for r in FLAG_ROWS])
def test_flag_env_and_default_match_the_code(row, monkeypatch):
    flag, env = row["flag"].strip("`"), row["env"].strip("`")
    for command in _commands(row["used by"]):
        option = _option(command, flag)
        where = f"`qa {command} {flag}`"
        assert option.envvar == env, f"{where} reads {option.envvar!r}, not ${env}"
        assert option.show_envvar, f"{where} does not show ${env} in --help"
        context = click.Context(qa.cli.main.commands[command])
        # The variable is what the value comes from when the flag is not given ...
        monkeypatch.setenv(env, "7")
        assert option.consume_value(context, {})[0] == "7", f"{where} does not read ${env}"
        # ... an empty one counts as unset ...
        monkeypatch.setenv(env, "")
        value = option.consume_value(context, {})[0]
        monkeypatch.delenv(env)
        assert value == option.consume_value(context, {})[0], f"{where}: empty ${env} is a value"
        # ... and without it the default is README's.
        readme = _code(row["default"])
        code = "off" if value is None else str(value)
        assert code == readme or (value is None and readme == "unset"), (
            f"README.md says {flag} defaults to {readme!r}; `qa {command}` uses {code!r}"
        )
        if isinstance(option.show_default, str):  # a word for the default, e.g. "off"
            assert option.show_default == code, f"{where} shows {option.show_default!r}"


def test_every_env_variable_read_is_documented():
    documented = {r["env"].strip("`") for r in ROWS if r["env"]}
    read = set(_env_reads())
    assert read - documented <= UNDOCUMENTED, f"not in README.md: {sorted(read - documented)}"
    assert documented <= read, f"README.md documents unread: {sorted(documented - read)}"
    assert read >= UNDOCUMENTED  # an exemption for a variable no longer read goes too


ENV_ONLY = [r for r in ROWS if not r["flag"]]


@pytest.mark.parametrize("row", ENV_ONLY, ids=[r["env"].strip("`") for r in ENV_ONLY])
def test_env_only_default_matches_the_code(row):
    env = row["env"].strip("`")
    defaults = set()
    for where in _env_reads()[env]:
        path, expr = where.split(": ", 1)
        if not expr:
            defaults.add("unset")
            continue
        if expr == "the option's default":
            continue
        try:
            value = ast.literal_eval(expr)
        except ValueError:  # a module constant, e.g. DEFAULT_WINDOW
            module = __import__(path.removesuffix(".py").replace("/", "."), fromlist=["_"])
            value = eval(expr, vars(module))  # noqa: S307 - the package's own source
        defaults.add(str(value))
    readme = _code(row["default"]).replace(",", "")
    assert defaults == {readme}, f"README.md: {env} defaults to {readme!r}; qa/ uses {defaults}"
