"""staff accounts, sessions, audit log; which agent submitted a hotline application

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 18:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "staff_accounts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", TS, nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    op.create_table(
        "staff_sessions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("last_seen_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.Column("revoked_at", TS, nullable=True),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_accounts.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("staff_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_sessions_staff_id"), ["staff_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_staff_sessions_last_seen_at"), ["last_seen_at"], unique=False)
    op.create_table(
        "staff_audit",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("staff_username", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("subject_type", sa.String(length=32), nullable=False),
        sa.Column("subject_id", sa.String(length=128), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("occurred_at", TS, nullable=False),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_accounts.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("staff_audit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_audit_staff_id"), ["staff_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_staff_audit_subject_id"), ["subject_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_staff_audit_occurred_at"), ["occurred_at"], unique=False)
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("submitted_by_staff_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_applications_submitted_by_staff_id", "staff_accounts", ["submitted_by_staff_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_constraint("fk_applications_submitted_by_staff_id", type_="foreignkey")
        batch_op.drop_column("submitted_by_staff_id")
    op.drop_table("staff_audit")
    op.drop_table("staff_sessions")
    op.drop_table("staff_accounts")
