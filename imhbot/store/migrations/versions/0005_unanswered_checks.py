"""When the bot asked a chat the check question of the review band, so that a question left
unanswered can be found and the crisis protocol follow.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("chat_sessions") as table:
        table.add_column(sa.Column("asked_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_chat_sessions_asked_at", "chat_sessions", ["asked_at"])


def downgrade() -> None:
    op.drop_index("ix_chat_sessions_asked_at", table_name="chat_sessions")
    with op.batch_alter_table("chat_sessions") as table:
        table.drop_column("asked_at")
