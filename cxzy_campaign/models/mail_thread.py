# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from odoo import fields, models

from .cxzy_workflow_mixin import written_language


class MailActivity(models.Model):
    _inherit = "mail.activity"

    cxzy_step = fields.Char(
        string="Campaign Step",
        readonly=True,
        help="The workflow step this campaign to-do waits for: the to-do goes "
        "away when the step is taken or the record leaves the state.",
    )


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _creation_message(self):
        """The creation line of the campaign's records in one language.

        Odoo writes “<model name> created”: the words come from the code's
        translations, in the language of the environment or, without one,
        of the user; the model name comes from the database, in the language
        of the environment or else in English, and during an installation
        before the module's own translations are loaded. Hence “Task
        Assignment 创建”. The campaign's records say who created them
        instead, in one language."""
        if not self._name.startswith("cxzy."):
            return super()._creation_message()
        self.ensure_one()
        env = self.with_context(lang=written_language(self.env)).env
        return env._("Created by %(user)s.", user=self.env.user.name)
