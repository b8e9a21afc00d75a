"""Chat sessions and anonymous statistics events.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chat_sessions",
        sa.Column("chat", sa.String(length=64), primary_key=True),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "stat_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("concern", sa.String(length=32), nullable=True),
        sa.Column("region", sa.String(length=32), nullable=True),
        sa.Column("age_band", sa.String(length=16), nullable=True),
        sa.Column("outcome", sa.String(length=32), nullable=True),
        sa.Column("found", sa.Integer(), nullable=True),
        sa.Column("useful", sa.Boolean(), nullable=True),
    )
    op.create_index("ix_stat_events_day", "stat_events", ["day"])
    op.create_index("ix_stat_events_name", "stat_events", ["name"])


def downgrade() -> None:
    op.drop_table("stat_events")
    op.drop_table("chat_sessions")
