# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from . import test_criterion
from . import test_assessment_period
from . import test_org_assessment
from . import test_member_appraisal
from . import test_upgrade_report
from . import test_assessment_security
from . import test_assessment_performance
from . import test_appraisal_round
from . import test_assessment_masses
from . import test_appraisal_ui
from . import test_nomination
from . import test_nomination_ui
from . import test_exemplar
from . import test_exemplar_integrity
from . import test_dashboard
from . import test_dashboard_ui
from . import test_workflow_models
from . import test_nomination_integrity
from . import test_nomination_unqualified
from . import test_appraisal_integrity
from . import test_assessment_integrity
from . import test_ballot_words
from . import test_ballot_box
from . import test_campaign_context
from . import test_figures
from . import test_publicity
from . import test_publicity_ui
from . import test_todo
from . import test_xlsx
from . import test_campaign_summary
from . import test_docx
