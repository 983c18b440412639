# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from . import cxzy_criterion
from . import cxzy_campaign
from . import cxzy_assessment_period
from . import cxzy_evaluation_mixin
from . import cxzy_evaluation_line_mixin
from . import cxzy_org_assessment
from . import cxzy_org_assessment_line
from . import cxzy_member_appraisal
from . import cxzy_member_appraisal_line
from . import cxzy_grade_history
from . import cxzy_appraisal_round
from . import cxzy_appraisal_participation
from . import cxzy_appraisal_tally
from . import cxzy_award_type
from . import cxzy_award_quota
from . import cxzy_nomination_dossier
from . import cxzy_nomination
from . import cxzy_nomination_objection
from . import cxzy_publicity_nomination
from . import cxzy_exemplar
from . import cxzy_benchmark
from . import cxzy_benchmark_line
from . import cxzy_campaign_dashboard
from . import cxzy_appraisal_demo
from . import cxzy_assessment_demo
from . import cxzy_member_home
from . import cxzy_xlsx
from . import cxzy_campaign_summary
from . import cxzy_docx_documents
