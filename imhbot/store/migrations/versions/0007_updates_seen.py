"""The channel updates already handled, so that one delivered twice (a webhook re-sent, a poll
after a restart) is handled once.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "updates_seen",
        sa.Column("key", sa.String(length=64), primary_key=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False, index=True),
    )


def downgrade() -> None:
    op.drop_table("updates_seen")
