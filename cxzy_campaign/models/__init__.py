# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from . import cxzy_workflow_mixin
from . import cxzy_docx_mixin
from . import cxzy_document_template
from . import mail_thread
from . import cxzy_unique_pair_mixin
from . import cxzy_subject_mixin
from . import cxzy_campaign_bound_mixin
from . import cxzy_party_organization
from . import cxzy_party_member
from . import hr_employee
from . import cxzy_campaign
from . import cxzy_campaign_phase
from . import cxzy_campaign_task
from . import cxzy_campaign_assignment
from . import cxzy_campaign_matrix
from . import cxzy_campaign_roster_grant
from . import cxzy_pledge
from . import cxzy_pledge_item
from . import cxzy_demonstration_post
from . import cxzy_publicity_post
from . import cxzy_service_pairing
from . import cxzy_service_record
from . import cxzy_campaign_event
from . import cxzy_campaign_attendance
from . import cxzy_campaign_photo
from . import cxzy_party_spirit_report
from . import cxzy_duty_report
from . import cxzy_phase_summary
from . import cxzy_regulation
from . import cxzy_achievement
from . import cxzy_improvement_measure
from . import cxzy_member_home
from . import cxzy_campaign_demo
from . import cxzy_xlsx
from . import res_users
from . import cxzy_docx_documents

from . import cxzy_campaign_summary
