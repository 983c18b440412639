# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""The publicity board (公示栏) over XML-RPC, as a hostile outside client:
the masses read a nomination under publicity and nothing more of it, lodge an
objection (anonymous: no column names them), cannot read it back, forge it,
or lodge one on a nomination that is not under publicity; the committee
records how it was checked."""

import datetime
import xmlrpc.client

import pytest

NOMINATION = "cxzy_evaluation.demo_nomination_member_du_jianming"
BOARD = "cxzy.publicity.nomination"
OBJECTION = "cxzy.nomination.objection"
LODGE = "cxzy.nomination.objection.lodge"
REFUSED_CODES = {2: "UserError", 3: "AccessDenied", 4: "AccessError"}
#: grades, votes and opinions of the nomination: never on the board
HIDDEN = (
    "dossier_grade",
    "dossier_total",
    "dossier_tier",
    "pledge_rating",
    "duty_rating",
    "votes_favour",
    "voters_present",
    "study_opinion",
    "member_id",
)
TODAY = datetime.date.today()


@pytest.fixture
def publicity(admin, db_copy_connection):
    """The demo nomination under publicity, running today; its dates and
    its objections as they were afterwards."""
    record_id = admin.ref(NOMINATION)
    with db_copy_connection.cursor() as cr:
        cr.execute(
            "SELECT publicity_start, publicity_end FROM cxzy_nomination WHERE id = %s",
            [record_id],
        )
        dates = cr.fetchone()
        cr.execute(
            "UPDATE cxzy_nomination SET publicity_start = %s, publicity_end = %s "
            "WHERE id = %s",
            [
                TODAY - datetime.timedelta(days=1),
                TODAY + datetime.timedelta(days=5),
                record_id,
            ],
        )
    yield record_id
    with db_copy_connection.cursor() as cr:
        cr.execute(
            "DELETE FROM cxzy_nomination_objection WHERE nomination_id = %s",
            [record_id],
        )
        cr.execute(
            "UPDATE cxzy_nomination SET publicity_start = %s, publicity_end = %s "
            "WHERE id = %s",
            [*dates, record_id],
        )


def refused(call, *args, **kwargs):
    """The Fault of a refused call, or None when it went through."""
    try:
        call(*args, **kwargs)
    except xmlrpc.client.Fault as fault:
        return fault
    return None


@pytest.mark.parametrize("login", ("cxzy_masses", "cxzy_member"))
def test_board_shows_the_public_fields_only(rpc_login, publicity, login):
    client = rpc_login(login, login)
    [card] = client(
        BOARD,
        "search_read",
        [("id", "=", publicity)],
        fields=["nominee_name", "award_name", "branch_name", "deeds", "can_object"],
    )
    assert card["nominee_name"] == "杜建明"
    assert card["award_name"] == "优秀共产党员"
    assert "宏观经济研究" in card["deeds"]
    assert card["can_object"] is True
    for name in HIDDEN:
        for method, args in (
            ("read", [[publicity]]),
            ("search_read", [[("id", "=", publicity)]]),
        ):
            fault = refused(client, BOARD, method, *args, fields=[name])
            assert fault and "Invalid field" in fault.faultString, (name, method)
    # The nomination itself stays closed.
    fault = refused(client, "cxzy.nomination", "read", [publicity], fields=["name"])
    assert fault and fault.faultCode == 4


def test_masses_lodge_anonymously_and_read_nothing_back(admin, rpc_login, publicity):
    masses = rpc_login("cxzy_masses", "cxzy_masses")
    wizard = masses(
        LODGE,
        "create",
        {
            "publicity_id": publicity,
            "content": "匿名反映：请核实其课题经费使用情况。",
            "anonymous": True,
        },
    )
    masses(LODGE, "action_lodge", [wizard])
    [objection] = admin(
        OBJECTION,
        "search_read",
        [("nomination_id", "=", publicity)],
        fields=["author_id", "create_uid", "write_uid", "state", "anonymous"],
    )
    assert objection["author_id"] is False
    assert objection["anonymous"] is True
    assert objection["state"] == "open"
    assert objection["create_uid"][0] == 1
    assert objection["write_uid"][0] == 1
    assert not admin(LODGE, "search", [("create_uid", "=", masses.uid)])
    # Not read back, by them or another colleague.
    for login in ("cxzy_masses", "cxzy_member", "cxzy_secretary"):
        client = rpc_login(login, login)
        fault = refused(
            client, OBJECTION, "read", [objection["id"]], fields=["content"]
        )
        assert fault and fault.faultCode == 4, login
    # Not lodged through a private method, nor forged, nor written.
    assert refused(masses, OBJECTION, "_cxzy_lodge", [], publicity, "直接调用")
    fault = refused(
        masses,
        OBJECTION,
        "create",
        {"nomination_id": publicity, "content": "伪造", "state": "handled"},
    )
    assert fault and fault.faultCode in REFUSED_CODES
    fault = refused(masses, OBJECTION, "write", [objection["id"]], {"state": "handled"})
    assert fault and fault.faultCode in REFUSED_CODES
    # The committee records how it was checked.
    committee = rpc_login("cxzy_committee", "cxzy_committee")
    committee(
        OBJECTION,
        "action_handle",
        [objection["id"]],
        "经核实，经费使用符合规定，反映不属实。",
        "unfounded",
    )
    [handled] = admin(
        OBJECTION,
        "read",
        [objection["id"]],
        fields=["state", "outcome", "handled_by_id"],
    )
    assert handled["state"] == "handled"
    assert handled["outcome"] == "unfounded"
    assert handled["handled_by_id"][0] == committee.uid


def test_no_objection_outside_the_publicity(admin, rpc_login, publicity):
    masses = rpc_login("cxzy_masses", "cxzy_masses")
    studied = admin("cxzy.nomination", "search", [("state", "=", "studied")], limit=1)
    assert studied, "demo data: no studied nomination"
    wizard = masses(LODGE, "create", {"publicity_id": studied[0], "content": "异议"})
    assert refused(masses, LODGE, "action_lodge", [wizard])
    assert not admin(OBJECTION, "search", [("nomination_id", "=", studied[0])])
