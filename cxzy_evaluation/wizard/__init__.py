# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from . import cxzy_appraisal_ballot
from . import cxzy_nomination_step
from . import cxzy_nomination_objection_wizard
