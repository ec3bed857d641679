"""handoff claims: queue order, the claiming agent, outcome

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 18:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("handoffs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("matters", sa.JSON(), server_default="[]", nullable=False))
        batch_op.add_column(sa.Column("waiting_since", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("outcome", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("outcome_note", sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f("ix_handoffs_status"), ["status"], unique=False)
    op.execute("UPDATE handoffs SET waiting_since = created_at")
    with op.batch_alter_table("handoffs", schema=None) as batch_op:
        batch_op.alter_column("waiting_since", existing_type=sa.DateTime(timezone=True), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("handoffs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handoffs_status"))
        for column in ("outcome_note", "outcome", "closed_at", "claimed_at", "claimed_by", "waiting_since", "matters"):
            batch_op.drop_column(column)
