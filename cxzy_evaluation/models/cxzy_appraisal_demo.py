# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

import random

from odoo import api, models

from .cxzy_appraisal_tally import GRADES


class CxzyAppraisalDemo(models.AbstractModel):
    """Builders of the demo data of appraisal rounds, kept out of the
    business models. Called from the demo XML (as the superuser) and from
    tests; no RPC caller reaches them (their names start with an
    underscore)."""

    _name = "cxzy.appraisal.demo"
    _description = "Appraisal Round Demo Builders"

    @api.model
    def _demo_cast_ballots(self, round_id, employee_ids):
        """Each of these employees casts a ballot in the round, as themselves
        and through the round's own voting code (``_cast_ballot``), with
        grades drawn from a generator seeded by the round's name (mostly
        good, as in the plan's agency). A voter who is a subject of the round
        does not grade themself, as in the web client."""
        appraisal_round = self.env["cxzy.appraisal.round"].browse(int(round_id))
        appraisal_round.ensure_one()
        draw = random.Random(appraisal_round.sudo().name)
        grades = [grade for grade, __ in GRADES]
        for employee in self.env["hr.employee"].browse(employee_ids):
            as_voter = appraisal_round.with_user(employee.user_id)
            marks = [
                (
                    line["subject_id"],
                    line["criterion_id"],
                    draw.choices(grades, weights=(50, 32, 14, 4))[0],
                )
                for line in as_voter._my_ballot_template()
            ]
            as_voter._cast_ballot(marks)
        return True
