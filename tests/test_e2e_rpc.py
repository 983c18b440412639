# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""End to end over XML-RPC: a branch secretary manages their own branch only.

The admin builds a small committee with two branches; a secretary of branch A
then works through the external API, as any outside client would.  Over
/xmlrpc/2 a refused call is a Fault whose faultCode tells the exception family
(4: access error, 2: user/validation error) and whose faultString is the
message; the exact exception class is checked with the same call over /jsonrpc,
which reports it by name.
"""

import json
import re
import urllib.request
import xmlrpc.client
from functools import partial

import pytest

FAULT_WARNING = 2  # UserError and its subclasses (ValidationError, ...)
FAULT_ACCESS_ERROR = 4

SECRETARY_LOGIN = "e2e_secretary"
SECRETARY_PASSWORD = "e2e-Secretary-pw-2026"
SECRETARY_NAME = "E2E Secretary Wang"
NEW_MEMBER_NAME = "E2E Member Zhang"
OTHER_MEMBER_NAME = "E2E Member Liu"
NEWCOMER_NAME = "E2E Newcomer Chen"
OTHER_POST = "E2E organiser"
ALL_RECORDS = {"context": {"active_test": False}}


def refused(client, model, method, *args, **kwargs):
    """Call, expect an XML-RPC Fault and return it."""
    with pytest.raises(xmlrpc.client.Fault) as caught:
        result = client(model, method, *args, **kwargs)
        pytest.fail(f"{model}.{method}{args} was not refused: it returned {result!r}")
    return caught.value


def jsonrpc_error(client, model, method, *args, **kwargs):
    """The same call over /jsonrpc; the error data (exception name, message)."""
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "id": 1,
        "params": {
            "service": "object",
            "method": "execute_kw",
            "args": [
                client.db,
                client.uid,
                client.password,
                model,
                method,
                list(args),
                kwargs,
            ],
        },
    }
    request = urllib.request.Request(
        f"{client.url}/jsonrpc",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as reply:
        answer = json.load(reply)
    assert "error" in answer, f"{model}.{method} over /jsonrpc was not refused"
    return answer["error"]["data"]


@pytest.fixture(scope="module")
def scenario(admin):
    """As admin: a committee, branches A and B, a secretary of A, employees."""
    group_ids = {
        xmlid: admin.ref(f"cxzy_campaign.{xmlid}")
        for xmlid in ("group_cxzy_secretary", "group_cxzy_member", "group_cxzy_office")
    }
    ids = {"groups": group_ids, "user_group": admin.ref("base.group_user")}
    ids["secretary_uid"] = admin(
        "res.users",
        "create",
        {
            "name": SECRETARY_NAME,
            "login": SECRETARY_LOGIN,
            "password": SECRETARY_PASSWORD,
            "lang": "en_US",
            "groups_id": [(6, 0, [group_ids["group_cxzy_secretary"]])],
        },
    )
    employee = partial(admin, "hr.employee", "create")
    ids["secretary_employee"] = employee(
        {"name": SECRETARY_NAME, "user_id": ids["secretary_uid"]}
    )
    ids["new_employee"] = employee({"name": NEW_MEMBER_NAME})
    ids["other_employee"] = employee({"name": OTHER_MEMBER_NAME})
    ids["newcomer_employee"] = employee({"name": NEWCOMER_NAME})

    organization = partial(admin, "cxzy.party.organization", "create")
    ids["committee"] = organization(
        {"name": "E2E Committee", "code": "E2E-C", "kind": "committee"}
    )
    for key in ("A", "B"):
        ids[f"branch_{key}"] = organization(
            {
                "name": f"E2E Branch {key}",
                "code": f"E2E-{key}",
                "kind": "branch",
                "parent_id": ids["committee"],
            }
        )
    member = partial(admin, "cxzy.party.member", "create")
    ids["secretary_member"] = member(
        {
            "employee_id": ids["secretary_employee"],
            "organization_id": ids["branch_A"],
        }
    )
    admin(
        "cxzy.party.organization",
        "write",
        [ids["branch_A"]],
        {"secretary_id": ids["secretary_member"]},
    )
    ids["other_member"] = member(
        {
            "employee_id": ids["other_employee"],
            "organization_id": ids["branch_B"],
            "party_post": OTHER_POST,
        }
    )
    return ids


@pytest.fixture(scope="module")
def secretary(scenario, rpc_login):
    return rpc_login(SECRETARY_LOGIN, SECRETARY_PASSWORD)


@pytest.fixture(scope="module")
def new_member(scenario, secretary):
    """The secretary adds the second employee to branch A."""
    return secretary(
        "cxzy.party.member",
        "create",
        {
            "employee_id": scenario["new_employee"],
            "organization_id": scenario["branch_A"],
        },
    )


def test_admin_setup(admin, scenario):
    groups = scenario["groups"]
    [user] = admin(
        "res.users", "read", [scenario["secretary_uid"]], fields=["groups_id"]
    )
    assert groups["group_cxzy_secretary"] in user["groups_id"]
    # Implied groups come with it; the office's full rights do not.
    assert groups["group_cxzy_member"] in user["groups_id"]
    assert scenario["user_group"] in user["groups_id"]
    assert groups["group_cxzy_office"] not in user["groups_id"]

    branches = admin(
        "cxzy.party.organization",
        "read",
        [scenario["branch_A"], scenario["branch_B"]],
        fields=["kind", "parent_id", "secretary_id", "manager_user_ids"],
    )
    by_id = {branch["id"]: branch for branch in branches}
    branch_a, branch_b = by_id[scenario["branch_A"]], by_id[scenario["branch_B"]]
    assert branch_a["kind"] == branch_b["kind"] == "branch"
    assert branch_a["parent_id"][0] == branch_b["parent_id"][0] == scenario["committee"]
    assert branch_a["secretary_id"] == [scenario["secretary_member"], SECRETARY_NAME]
    assert branch_a["manager_user_ids"] == [scenario["secretary_uid"]]
    assert branch_b["secretary_id"] is False
    assert branch_b["manager_user_ids"] == []

    [member] = admin(
        "cxzy.party.member",
        "read",
        [scenario["secretary_member"]],
        fields=["name", "user_id", "organization_id"],
    )
    assert member["name"] == SECRETARY_NAME
    assert member["user_id"][0] == scenario["secretary_uid"]
    assert member["organization_id"][0] == scenario["branch_A"]


def test_secretary_creates_member_in_own_branch(secretary, scenario, new_member):
    assert isinstance(new_member, int) and new_member > 0
    [member] = secretary(
        "cxzy.party.member",
        "read",
        [new_member],
        fields=["name", "employee_id", "organization_id", "membership_type"],
    )
    assert member["name"] == NEW_MEMBER_NAME
    assert member["employee_id"] == [scenario["new_employee"], NEW_MEMBER_NAME]
    assert member["organization_id"] == [scenario["branch_A"], "E2E Branch A"]
    assert member["membership_type"] == "full"
    assert secretary(
        "cxzy.party.member",
        "search",
        [("organization_id", "=", scenario["branch_A"])],
        order="id",
    ) == [scenario["secretary_member"], new_member]


def test_secretary_cannot_write_other_branch(admin, secretary, scenario):
    branch_b = scenario["branch_B"]
    # The tree is readable by every member; writing is what is refused.
    [read] = secretary("cxzy.party.organization", "read", [branch_b], fields=["code"])
    assert read["code"] == "E2E-B"

    args = ("cxzy.party.organization", "write", [branch_b], {"code": "E2E-HACK"})
    fault = refused(secretary, *args)
    assert fault.faultCode == FAULT_ACCESS_ERROR, fault.faultString
    assert "doesn't have 'write' access" in fault.faultString
    assert "(cxzy.party.organization)" in fault.faultString
    assert jsonrpc_error(secretary, *args)["name"] == "odoo.exceptions.AccessError"

    [after] = admin("cxzy.party.organization", "read", [branch_b], fields=["code"])
    assert after["code"] == "E2E-B"


def test_secretary_cannot_write_member_of_other_branch(admin, secretary, scenario):
    other = scenario["other_member"]
    # Not in the secretary's branch: not even visible to them.
    domain = [("id", "=", other)]
    assert secretary("cxzy.party.member", "search", domain) == []

    args = ("cxzy.party.member", "write", [other], {"party_post": "E2E-HACK"})
    fault = refused(secretary, *args)
    assert fault.faultCode == FAULT_ACCESS_ERROR, fault.faultString
    # Refused on the write itself, or on the read that precedes it.
    assert re.search(r"doesn't have '(write|read)' access", fault.faultString)
    assert "(cxzy.party.member)" in fault.faultString
    assert jsonrpc_error(secretary, *args)["name"] == "odoo.exceptions.AccessError"

    [after] = admin("cxzy.party.member", "read", [other], fields=["party_post"])
    assert after["party_post"] == OTHER_POST


def test_secretary_cannot_create_member_in_other_branch(admin, secretary, scenario):
    values = {
        "employee_id": scenario["newcomer_employee"],
        "organization_id": scenario["branch_B"],
    }
    fault = refused(secretary, "cxzy.party.member", "create", values)
    assert fault.faultCode == FAULT_ACCESS_ERROR, fault.faultString
    assert "doesn't have 'create' access" in fault.faultString
    assert "(cxzy.party.member)" in fault.faultString
    error = jsonrpc_error(secretary, "cxzy.party.member", "create", values)
    assert error["name"] == "odoo.exceptions.AccessError"

    domain = [("employee_id", "=", scenario["newcomer_employee"])]
    assert admin("cxzy.party.member", "search_count", domain, **ALL_RECORDS) == 0


def test_second_member_for_same_employee_refused(
    admin, secretary, scenario, new_member
):
    values = {
        "employee_id": scenario["new_employee"],
        "organization_id": scenario["branch_A"],
    }
    fault = refused(secretary, "cxzy.party.member", "create", values)
    assert fault.faultCode == FAULT_WARNING, fault.faultString
    assert NEW_MEMBER_NAME in fault.faultString
    assert "already has a Party member record" in fault.faultString
    error = jsonrpc_error(secretary, "cxzy.party.member", "create", values)
    assert error["name"] == "odoo.exceptions.ValidationError"
    assert NEW_MEMBER_NAME in error["message"]

    domain = [("employee_id", "=", scenario["new_employee"])]
    assert admin("cxzy.party.member", "search", domain, **ALL_RECORDS) == [new_member]
