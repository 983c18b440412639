/* Copyright 2026 cxzy contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0). */
import {_t} from "@web/core/l10n/translation";
import {ConfirmationDialog} from "@web/core/confirmation_dialog/confirmation_dialog";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {FormController} from "@web/views/form/form_controller";
import {formView} from "@web/views/form/form_view";

/**
 * The ballot's form: casting checks first that every line is graded, and
 * only then asks the voter to confirm (a button's `confirm` attribute would
 * ask before anything is checked). The server checks the ballot again.
 */
export class CxzyBallotFormController extends FormController {
    setup() {
        super.setup();
        this.dialogService = useService("dialog");
        this.notificationService = useService("notification");
    }

    async beforeExecuteActionButton(clickParams) {
        if (clickParams.special === "save") {
            const record = this.model.root;
            await record.checkValidity();
            const lines = record.data.line_ids.records;
            const missing = lines.filter((line) => !line.data.grade).length;
            if (missing) {
                this.notificationService.add(
                    _t(
                        "%(missing)s of the %(total)s grades are missing: grade every subject on every criterion, then cast the ballot.",
                        {missing, total: lines.length}
                    ),
                    {type: "danger", title: _t("The ballot is incomplete")}
                );
                return false;
            }
            const confirmed = await new Promise((resolve) => {
                this.dialogService.add(
                    ConfirmationDialog,
                    {
                        body: _t("Cast this ballot? It cannot be changed afterwards."),
                        confirm: () => resolve(true),
                        cancel: () => resolve(false),
                    },
                    {onClose: () => resolve(false)}
                );
            });
            if (!confirmed) {
                return false;
            }
        }
        return super.beforeExecuteActionButton(clickParams);
    }
}

registry.category("views").add("cxzy_ballot_form", {
    ...formView,
    Controller: CxzyBallotFormController,
});
