"""chat sessions and signed requests

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 15:19:31.106219
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chat_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("client_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("chat_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chat_sessions_client_hash"), ["client_hash"], unique=False)
        batch_op.create_index(batch_op.f("ix_chat_sessions_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_chat_sessions_expires_at"), ["expires_at"], unique=False)

    op.create_table(
        "signed_requests",
        sa.Column("department", sa.String(length=32), nullable=False),
        sa.Column("signature", sa.String(length=64), nullable=False),
        sa.Column("timestamp", sa.BigInteger(), nullable=False),
        sa.Column("idempotency_key_hash", sa.String(length=64), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("department", "signature"),
    )
    with op.batch_alter_table("signed_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_signed_requests_seen_at"), ["seen_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("signed_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signed_requests_seen_at"))
    op.drop_table("signed_requests")
    with op.batch_alter_table("chat_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chat_sessions_expires_at"))
        batch_op.drop_index(batch_op.f("ix_chat_sessions_created_at"))
        batch_op.drop_index(batch_op.f("ix_chat_sessions_client_hash"))
    op.drop_table("chat_sessions")
