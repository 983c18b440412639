# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Repository checks on the addons' files; no Odoo server, no database.

Each check is a small function that returns a list of problems (empty when all
is well); the tests run it on the repository and fail with that list.  The
last tests feed the same functions bad in-memory examples, so a checker that
silently stopped finding anything would be noticed.
"""

import ast
import csv
import io
import re
from pathlib import Path

import polib
import pytest
from lxml import etree

REPO = Path(__file__).resolve().parent.parent
ADDONS = ("cxzy_campaign", "cxzy_evaluation")
REQUIRED_MANIFEST_KEYS = (
    "name",
    "version",
    "license",
    "author",
    "depends",
    "data",
    "installable",
)
VERSION_RE = re.compile(r"^18\.0\.\d+\.\d+\.\d+$")
EXPECTED_DEPENDS = {
    "cxzy_campaign": {"hr", "mail"},
    "cxzy_evaluation": {"cxzy_campaign"},
}
# Base classes that make a class a stored model needing access rights.
MODEL_BASES = {"Model", "TransientModel"}
LICENSE_MARK = "# License AGPL-3.0"
COPYRIGHT_MARK = "# Copyright "
HEADER_LINES = 5


def _rel(path):
    return str(Path(path).relative_to(REPO))


def _addon_files(suffix):
    return sorted(
        path
        for addon in ADDONS
        for path in (REPO / addon).rglob(f"*{suffix}")
        if "__pycache__" not in path.parts
    )


def _ids(paths):
    return [_rel(path) for path in paths]


def _report(problems):
    return "\n  - ".join(["problems found:", *problems])


# ---------------------------------------------------------------------------
# Checkers
# ---------------------------------------------------------------------------


def load_manifest(addon_dir):
    """The manifest dict of an addon (raises if it is not a literal dict)."""
    source = (Path(addon_dir) / "__manifest__.py").read_text(encoding="utf-8")
    manifest = ast.literal_eval(source)
    if not isinstance(manifest, dict):
        raise TypeError(f"{addon_dir}/__manifest__.py is not a dict literal")
    return manifest


def manifest_problems(manifest):
    """Missing keys, bad version or licence in a manifest dict."""
    problems = [
        f"missing key {key!r}" for key in REQUIRED_MANIFEST_KEYS if key not in manifest
    ]
    version = manifest.get("version", "")
    if not VERSION_RE.match(str(version)):
        problems.append(f"version {version!r} does not match {VERSION_RE.pattern}")
    if manifest.get("license") != "AGPL-3":
        problems.append(f"license is {manifest.get('license')!r}, not 'AGPL-3'")
    return problems


def missing_data_files(addon_dir, manifest):
    """Files listed in data/demo that do not exist in the addon."""
    return [
        f"{key}: {name} does not exist"
        for key in ("data", "demo")
        for name in manifest.get(key, [])
        if not (Path(addon_dir) / name).is_file()
    ]


def _name_of(base):
    """'Model' for `models.Model` or `Model`; None for anything else."""
    if isinstance(base, ast.Attribute):
        return base.attr
    if isinstance(base, ast.Name):
        return base.id
    return None


def _literal_assignments(class_node):
    values = {}
    for stmt in class_node.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, ast.Name):
                try:
                    values[target.id] = ast.literal_eval(stmt.value)
                except ValueError:
                    continue
    return values


def new_models(source):
    """Model names a Python source defines (not extends) on a models.Model."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ClassDef):
            continue
        if not any(_name_of(base) in MODEL_BASES for base in node.bases):
            continue
        values = _literal_assignments(node)
        name = values.get("_name")
        inherit = values.get("_inherit", [])
        if isinstance(inherit, str):
            inherit = [inherit]
        if isinstance(name, str) and name not in inherit:
            names.append(name)
    return names


def access_problems(models, csv_text):
    """Models without an access row, and rows whose id lacks `access_`."""
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    problems = [
        f"row id {row.get('id')!r} does not start with 'access_'"
        for row in rows
        if not (row.get("id") or "").startswith("access_")
    ]
    covered = {(row.get("model_id:id") or "").split(".")[-1] for row in rows}
    problems += [
        f"model {model} has no row with model_id model_{model.replace('.', '_')}"
        for model in models
        if f"model_{model.replace('.', '_')}" not in covered
    ]
    return problems


def xml_problems(xml_bytes):
    """Odoo 18 no longer knows <tree>, attrs= or states=; report their use."""
    root = etree.fromstring(xml_bytes)
    problems = []
    for element in root.iter(etree.Element):
        where = f"line {element.sourceline}"
        if element.tag == "tree":
            problems.append(f"{where}: <tree> element (use <list>)")
        for attribute in ("attrs", "states"):
            if attribute in element.attrib:
                problems.append(
                    f"{where}: {attribute}= attribute on <{element.tag}> "
                    "(use invisible/readonly/required expressions)"
                )
    return problems


def header_problems(source):
    """The AGPL header must open every Python file."""
    head = source.splitlines()[:HEADER_LINES]
    problems = []
    if not any(line.startswith(COPYRIGHT_MARK) for line in head):
        problems.append(f"no '{COPYRIGHT_MARK.strip()} ...' line in the header")
    if not any(line.startswith(LICENSE_MARK) for line in head):
        problems.append(f"no '{LICENSE_MARK} ...' line in the header")
    return problems


#: context keys that shape defaults and display, never permission
HARMLESS_CONTEXT = re.compile(
    r"^(default_|search_default_|active_|mail_|tracking_disable$|lang$|tz$)"
)


def context_gate_problems(source):
    """Context keys read by business code: the client sends the context, so
    a key in it must never switch a check off. Only the keys of defaults,
    display and Odoo's own mail options are read."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        key = None
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and isinstance(node.func.value, ast.Attribute)
            and node.func.value.attr == "context"
            and node.args
        ):
            key = node.args[0]
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "context"
        ):
            key = node.slice
        if key is None:
            continue
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            if HARMLESS_CONTEXT.match(key.value):
                continue
            problems.append(f"line {node.lineno}: reads context key {key.value!r}")
        else:
            problems.append(f"line {node.lineno}: reads a context key named by code")
    return problems


def po_problems(po_text):
    """Entries of a PO file (header excluded) left untranslated. A source
    already written in Chinese (no Latin letter) needs none: its translation
    would repeat it, which OCA's PO checks remove."""
    po = polib.pofile(po_text)
    problems = []
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        if not re.search(
            r"[A-Za-z]", re.sub(r"%\(\w+\)s|<[^>]*>|&\w+;", "", entry.msgid)
        ):
            continue
        if entry.msgid_plural:
            empty = not all(entry.msgstr_plural.values()) or not entry.msgstr_plural
        else:
            empty = not entry.msgstr
        if empty:
            where = f"line {entry.linenum}" if entry.linenum else "entry"
            problems.append(f"{where}: empty msgstr for msgid {entry.msgid!r}")
    return problems


# ---------------------------------------------------------------------------
# Manifests
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_is_a_literal_dict(addon):
    try:
        load_manifest(REPO / addon)
    except (ValueError, SyntaxError, TypeError) as error:
        pytest.fail(f"{addon}/__manifest__.py does not parse as a literal: {error}")


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_keys_version_license(addon):
    problems = manifest_problems(load_manifest(REPO / addon))
    assert not problems, f"{addon}/__manifest__.py: {_report(problems)}"


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_depends(addon):
    depends = set(load_manifest(REPO / addon).get("depends", []))
    missing = EXPECTED_DEPENDS[addon] - depends
    assert not missing, (
        f"{addon}/__manifest__.py depends on {sorted(depends)}; "
        f"it must also depend on {sorted(missing)}"
    )


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_data_files_exist(addon):
    problems = missing_data_files(REPO / addon, load_manifest(REPO / addon))
    assert not problems, f"{addon}/__manifest__.py: {_report(problems)}"


@pytest.mark.parametrize("addon", ADDONS)
def test_icon_exists(addon):
    icon = REPO / addon / "static" / "description" / "icon.png"
    assert icon.is_file(), f"{_rel(icon)} is missing"
    assert icon.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{_rel(icon)} is no PNG"


# ---------------------------------------------------------------------------
# Access rights
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("addon", ADDONS)
def test_every_new_model_has_access_rights(addon):
    models = [
        model
        for path in sorted((REPO / addon).rglob("*.py"))
        if "tests" not in path.relative_to(REPO / addon).parts
        for model in new_models(path.read_text(encoding="utf-8"))
    ]
    csv_path = REPO / addon / "security" / "ir.model.access.csv"
    if not models and not csv_path.exists():
        return
    assert csv_path.is_file(), f"{addon} defines {models} but has no {_rel(csv_path)}"
    problems = access_problems(models, csv_path.read_text(encoding="utf-8"))
    assert not problems, f"{_rel(csv_path)}: {_report(problems)}"


# ---------------------------------------------------------------------------
# XML and Python files
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", _addon_files(".xml"), ids=_ids(_addon_files(".xml")))
def test_xml_parses_without_obsolete_view_syntax(path):
    try:
        problems = xml_problems(path.read_bytes())
    except etree.XMLSyntaxError as error:
        pytest.fail(f"{_rel(path)} is not well-formed XML: {error}")
    assert not problems, f"{_rel(path)}: {_report(problems)}"


@pytest.mark.parametrize("path", _addon_files(".py"), ids=_ids(_addon_files(".py")))
def test_python_file_has_agpl_header(path):
    problems = header_problems(path.read_text(encoding="utf-8"))
    assert not problems, (
        f"{_rel(path)}: {_report(problems)}\n"
        "Every Python file starts with:\n"
        "# Copyright 2026 cxzy contributors\n"
        "# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0)."
    )


_BUSINESS_PY = [
    path
    for path in _addon_files(".py")
    if "tests" not in path.relative_to(REPO).parts[1:]
]


@pytest.mark.parametrize("path", _BUSINESS_PY, ids=_ids(_BUSINESS_PY))
def test_no_context_key_is_permission(path):
    problems = context_gate_problems(path.read_text(encoding="utf-8"))
    assert not problems, f"{_rel(path)}: {_report(problems)}"


# ---------------------------------------------------------------------------
# Translations
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("addon", ADDONS)
def test_zh_cn_translation_complete(addon):
    po_path = REPO / addon / "i18n" / "zh_CN.po"
    assert po_path.is_file(), f"{_rel(po_path)} is missing"
    try:
        problems = po_problems(po_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        pytest.fail(f"{_rel(po_path)} does not parse: {error}")
    assert not problems, f"{_rel(po_path)}: {_report(problems)}"


# ---------------------------------------------------------------------------
# The checkers themselves: bad examples must be reported.
# ---------------------------------------------------------------------------

BAD_VIEW = b"""<odoo><record id="v" model="ir.ui.view"><field name="arch" type="xml">
<tree><field name="a" attrs="{'invisible': 1}"/><button states="draft"/></tree>
</field></record></odoo>"""

BAD_MODELS = """
from odoo import models


class New(models.Model):
    _name = "x.new"


class Extended(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "x.mixin"]


class Mixin(models.AbstractModel):
    _name = "x.mixin"
"""

BAD_ACCESS = (
    "id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink\n"
    "x_other,other,model_x_other,,1,0,0,0\n"
)

BAD_PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Done"
msgstr "完成"

msgid "Party"
msgstr ""
"""


def test_checkers_report_bad_examples():
    assert xml_problems(BAD_VIEW) == [
        "line 2: <tree> element (use <list>)",
        "line 2: attrs= attribute on <field> "
        "(use invisible/readonly/required expressions)",
        "line 2: states= attribute on <button> "
        "(use invisible/readonly/required expressions)",
    ]
    assert new_models(BAD_MODELS) == ["x.new"]
    assert access_problems(["x.new"], BAD_ACCESS) == [
        "row id 'x_other' does not start with 'access_'",
        "model x.new has no row with model_id model_x_new",
    ]
    assert header_problems("from odoo import models\n") == [
        "no '# Copyright ...' line in the header",
        "no '# License AGPL-3.0 ...' line in the header",
    ]
    assert po_problems(BAD_PO) == ["line 8: empty msgstr for msgid 'Party'"]
    assert manifest_problems({"name": "x", "version": "17.0.1.0.0"}) == [
        "missing key 'license'",
        "missing key 'author'",
        "missing key 'depends'",
        "missing key 'data'",
        "missing key 'installable'",
        r"version '17.0.1.0.0' does not match ^18\.0\.\d+\.\d+\.\d+$",
        "license is None, not 'AGPL-3'",
    ]
    assert context_gate_problems(
        "if self.env.context.get('cxzy_step'):\n    pass\n"
        "x = self.env.context[KEY]\n"
        "y = self.env.context.get('default_campaign_id')\n"
    ) == [
        "line 1: reads context key 'cxzy_step'",
        "line 3: reads a context key named by code",
    ]


@pytest.mark.parametrize("addon", ADDONS)
def test_readme_rst_generated_from_fragments(addon):
    from readme import render

    current = (REPO / addon / "README.rst").read_text(encoding="utf-8")
    assert current == render(addon), (
        f"{addon}/README.rst is out of date: run python3 tests/readme.py"
    )


@pytest.mark.parametrize("addon", ADDONS)
def test_one_security_file_per_addon(addon):
    """Groups, access rows and rules as Odoo's own apps keep them."""
    files = sorted(path.name for path in (REPO / addon / "security").iterdir())
    assert files == sorted([f"{addon}_security.xml", "ir.model.access.csv"])


def report_code_problems(path, source):
    """QWeb report models (``report.<module>.<name>``) and SQL-view models
    (``_auto = False``) belong under report/."""
    if path.parts[-2] == "report":
        return []
    # (_auto = False over tables of its own, as the ballot box's partitioned
    # tables, is no view)
    is_view = re.search(r"CREATE\s+(OR\s+REPLACE\s+)?VIEW|drop_view_if_exists", source)
    if (
        re.search(r"^\s*_auto = False", source, re.M)
        and is_view
        and "publicity" not in path.name
    ):
        return [f"{_rel(path)}: an SQL-view model outside report/"]
    if re.search(r'^\s*_name = "report\.', source, re.M):
        return [f"{_rel(path)}: a QWeb report model outside report/"]
    return []


def test_report_code_under_report():
    problems = [
        problem
        for path in _addon_files(".py")
        for problem in report_code_problems(path, path.read_text(encoding="utf-8"))
    ]
    assert not problems, _report(problems)
