"""The layout's rules, read from the source: what the installed package holds, who reads the
environment, who holds the store, who writes SQL."""
import ast
import subprocess
import sys

import pytest
from locations import ROOT

EDGES = {"cli.py", "app.py", "__init__.py"}  # the terminal, the browser, the Python API


def package_files() -> list:
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "*.py"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split()
    return [ROOT / name for name in listed if not name.startswith(("tests/", "samples/", "build/"))]


@pytest.mark.parametrize("module", ["registre.tests", "registre.samples", "registre.samples.build_pdfs"])
def test_tests_and_samples_are_not_part_of_the_package(module):
    done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True, cwd="/")
    assert done.returncode != 0 and "ModuleNotFoundError" in done.stderr


def test_the_package_data_is_installed():
    code = ("from registre.eval.questions import question_sets; from registre.ui.render import app_css;"
            "print(len(question_sets()), len(app_css()) > 100)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/", check=True)
    assert done.stdout.split() == ["2", "True"]


def _reads_environment(node: ast.AST) -> bool:
    """os.environ read (get, [], in, items…) or os.getenv; `os.environ.setdefault` (a default
    for a library, written before it starts) is not a read."""
    if isinstance(node, ast.Attribute) and node.attr == "getenv":
        return True
    if isinstance(node, ast.Attribute) and node.attr == "environ":
        return True
    return False


def test_no_environment_read_below_the_edges():
    found = []
    for path in package_files():
        if path.relative_to(ROOT).as_posix() in EDGES:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        mains = {id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and f.name == "main"
                 for n in ast.walk(f)}  # the `python -m` entry point of a script is an edge too
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "setdefault" and _reads_environment(node.value):
                mains.update(id(n) for n in ast.walk(node))
        for node in ast.walk(tree):
            if _reads_environment(node) and id(node) not in mains:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_only_the_engine_holds_the_store_and_only_index_writes_sql():
    store, sql = [], []
    for path in package_files():
        name = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "store" and name not in ("engine.py",) \
                    and not name.startswith("index/"):
                store.append(f"{name}:{node.lineno}")
            if isinstance(node, ast.Attribute) and node.attr in ("execute", "executemany", "executescript") \
                    and not name.startswith("index/"):
                sql.append(f"{name}:{node.lineno}")
    assert store == [] and sql == []


def test_test_modules_have_unique_names():
    """pytest imports test modules by their base name: two of one name break collection."""
    names = [path.name for path in (ROOT / "tests").rglob("test_*.py")]
    assert sorted({name for name in names if names.count(name) > 1}) == []
