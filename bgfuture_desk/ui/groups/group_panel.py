"""The chosen group: a heading with its facts, and its sessions, participants and completion."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from bgfuture_desk.i18n import _, format_date
from bgfuture_desk.services.groups.service import GroupView
from bgfuture_desk.ui.groups.participants_tab import ParticipantsTab
from bgfuture_desk.ui.groups.progress_tab import ProgressTab
from bgfuture_desk.ui.groups.sessions_tab import SessionsTab
from bgfuture_desk.ui.models.group_texts import percent
from bgfuture_desk.ui.models.programme_tree_model import sessions_text


def group_facts(group: GroupView) -> str:
    """„родители · водещ: Мария Петрова · 3 / 10 срещи · 12.01.2026 – 30.03.2026“"""
    parts = [group.target_label]
    if group.facilitator_name:
        parts.append(_("facilitator: {name}").format(name=group.facilitator_name))
    parts.append(_("sessions held: {sessions}").format(sessions=sessions_text(group)))
    if group.starts_on or group.ends_on:
        first = format_date(group.starts_on) if group.starts_on else "…"
        last = format_date(group.ends_on) if group.ends_on else "…"
        parts.append(f"{first} – {last}")
    parts.append(_("completion: {share}").format(share=percent(group.completion_share)))
    if group.archived:
        parts.append(_("archived"))
    return " · ".join(parts)


class GroupPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group: GroupView | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self)
        self.title.setObjectName("group_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        self.tabs = QTabWidget(self)
        self.sessions = SessionsTab(self.tabs)
        self.participants = ParticipantsTab(self.tabs)
        self.progress = ProgressTab(self.tabs)
        self.tabs.addTab(self.sessions, _("Sessi&ons"))
        self.tabs.addTab(self.participants, _("Par&ticipants"))
        self.tabs.addTab(self.progress, _("&Completion"))
        layout.addWidget(self.tabs, 1)
        self.show_group(None)

    def show_group(self, group: GroupView | None) -> None:
        self.group = group
        if group is None:
            self.title.setText(_("Choose a group above, or make a new one."))
            self.facts.setText("")
        else:
            self.title.setText(f"{group.name} — {group.programme_name}")
            self.facts.setText(group_facts(group))
        self.tabs.setEnabled(group is not None)
