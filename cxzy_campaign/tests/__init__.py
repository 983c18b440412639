# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from . import test_organization
from . import test_performance
from . import test_member
from . import test_campaign
from . import test_security
from . import test_translations
from . import test_ui
from . import test_demonstration_post
from . import test_pledge
from . import test_pledge_ui
from . import test_campaign_event
from . import test_campaign_document
from . import test_service_pairing
from . import test_workflow_engine
from . import test_pledge_integrity
from . import test_demonstration_post_integrity
from . import test_service_pairing_integrity
from . import test_campaign_document_integrity
from . import test_campaign_workflow
from . import test_demo
from . import test_member_home
from . import test_campaign_context_ui
from . import test_campaign_context
from . import test_user_roles
from . import test_figures
from . import test_publicity_board
from . import test_todo
from . import test_todo_ui
from . import test_xlsx
from . import test_campaign_summary
from . import test_docx
from . import test_docx_ui
from . import test_campaign_scale
from . import test_office_tasks
from . import test_roster_rights
