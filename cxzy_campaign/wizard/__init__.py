# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

from . import cxzy_campaign_from_template
from . import cxzy_pledge_reject
from . import cxzy_pledge_assess
from . import cxzy_document_step
