"""Which privacy text a parent agreed to; an index for the retention purge of idle sessions.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("chat_sessions") as table:
        table.add_column(sa.Column("consent_version", sa.String(length=16), nullable=True))
    op.create_index("ix_chat_sessions_updated_at", "chat_sessions", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_chat_sessions_updated_at", table_name="chat_sessions")
    with op.batch_alter_table("chat_sessions") as table:
        table.drop_column("consent_version")
