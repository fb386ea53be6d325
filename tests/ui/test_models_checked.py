"""Qt's model tester on the table models that no screen test checks: the consents' tables and
the export log, fed from a demo house as the screens feed them, and what their cells say."""

from __future__ import annotations

from bgfuture_desk.domain.vocab import ConsentKind
from bgfuture_desk.services.consents import forms as consent_forms
from bgfuture_desk.services.consents import queries as consent_queries
from bgfuture_desk.services.exchange.export import export_log, export_month
from bgfuture_desk.ui.models.consent_form_table_model import FORM_KIND, ConsentFormTableModel
from bgfuture_desk.ui.models.consent_table_model import (
    STATE_CODE,
    ConsentTableModel,
    FamilyConsentTableModel,
)
from bgfuture_desk.ui.models.export_log_table_model import COL_MONTH, ExportLogTableModel
from tests.exchange_data import PASSPHRASE

pytest_plugins = ["tests.ui.reception_fixtures"]


def test_the_families_without_consent(qtmodeltester, demo_house):
    rows = consent_queries.families_without_valid_consent(demo_house)
    assert rows
    model = FamilyConsentTableModel()
    model.set_rows(rows)
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, STATE_CODE).data() == rows[0].family_code


def test_a_person_s_consents(qtmodeltester, demo_house):
    someone = consent_queries.list_consent_rows(demo_house)[0].person_id
    rows = consent_queries.person_consents(demo_house, someone)
    assert rows
    model = ConsentTableModel()
    model.set_rows(rows)
    qtmodeltester.check(model, force_py=True)
    texts = {model.index(r, c).data() for r in range(model.rowCount()) for c in range(7)}
    assert rows[0].person_name in texts


def test_the_consent_forms(qtmodeltester, demo_house):
    rows = consent_forms.list_forms(demo_house)
    assert rows
    model = ConsentFormTableModel()
    model.set_rows(rows)
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, FORM_KIND).data() == ConsentKind(rows[0].kind).label


def test_the_export_log(qtmodeltester, house_db, admin, tmp_path):
    export_month(house_db, admin, month="2025-01", out=tmp_path, passphrase=PASSPHRASE)
    model = ExportLogTableModel()
    model.set_rows(export_log(house_db))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 1
    assert model.index(0, COL_MONTH).data() == "януари 2025 г."


def test_the_families_due_for_review(qtmodeltester, demo_house):
    import datetime as dt

    from bgfuture_desk.domain.clock import FixedClock
    from bgfuture_desk.services.families.retention import families_due
    from bgfuture_desk.ui.models.retention_table_model import RetentionTableModel

    demo_house.clock = FixedClock(dt.datetime(2032, 3, 2, 10, 0))
    model = RetentionTableModel()
    model.set_rows(families_due(demo_house))
    assert model.rowCount() > 0
    qtmodeltester.check(model, force_py=True)
