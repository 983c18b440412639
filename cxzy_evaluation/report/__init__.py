# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from . import cxzy_upgrade_report
from . import report_cxzy_upgrade
from . import cxzy_appraisal_result
from . import report_cxzy_nomination
