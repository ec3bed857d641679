from datetime import datetime

from pydantic import BaseModel, Field

from backend.text import ApplicationNo, SafeStr


class PassRequest(BaseModel):
    """One of three proofs (CONTRACT §5): the progress page's number + ID, the web chat's
    session token, or (with the service token) the assistant's conversation id."""

    application_no: ApplicationNo | None = Field(None, description="进度查询页：申请编号（与 id_number 一起）")
    id_number: SafeStr | None = Field(None, min_length=1, max_length=32, description="进度查询页：任一方身份证号")
    session_token: SafeStr | None = Field(None, max_length=200, description="网页对话：后台签发的会话令牌")
    conversation_id: SafeStr | None = Field(
        None, max_length=128, description="仅服务令牌调用方（对话机器人、微信渠道）：会话 id"
    )


class PassOut(BaseModel):
    application_no: str
    pass_token: str = Field(description="之后上传或评价时放在请求头 X-Application-Pass 中")
    expires_at: datetime
    channel: str


class Wanted(BaseModel):
    code: str
    name: str
    matter: str
    matter_name: str
    requested: bool = Field(description="true：部门要求补充；false：可提前上传")
    note: str | None = Field(None, description="部门的补充说明")
    received: bool


class Received(BaseModel):
    id: str = Field(description="材料编号（随机，不能据此下载）")
    code: str
    name: str
    content_type: str
    size: int
    pages: int
    supplement: bool
    received_at: datetime


class MaterialsOut(BaseModel):
    application_no: str
    wanted: list[Wanted]
    received: list[Received]
    max_file_bytes: int
    accepted_types: list[str]


class UploadOut(BaseModel):
    received: Received
    replaced: bool = Field(description="是否替换了同一材料之前上传的文件")
    message: str


class MaterialRef(BaseModel):
    """What a department's work list shows of one file; the bytes come from the signed download."""

    id: str
    code: str
    name: str
    content_type: str
    size: int
    pages: int
    supplement: bool
    received_at: datetime
