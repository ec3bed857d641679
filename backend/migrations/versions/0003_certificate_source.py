"""certificate source: civil affairs or the applicant (already married)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("marriage_certificates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(length=16), server_default="civil_affairs", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("marriage_certificates", schema=None) as batch_op:
        batch_op.drop_column("source")
