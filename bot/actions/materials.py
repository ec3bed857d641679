"""Uploads in the conversation (issue 20): after a submission whose matters take materials in
advance the assistant asks "现在上传吗？"; "上传" says how, for this channel only (the widget's 📎,
a photo on WeChat, the progress page elsewhere), naming what the backend still wants;
"以后再说" says where it can be done later. The files themselves never pass through the bot."""

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import backend
from bot.actions.channel import channel_of
from bot.actions.offers import OWN_REPLY, UPLOAD, answered, intent_of, just_offered

UPLOAD_BUTTONS = [{"title": "上传", "payload": "/upload_now"}, {"title": "以后再说", "payload": "/upload_later"}]
PROGRESS_PAGE = "进度查询页（凭申请编号和任一方身份证号）"
HOW = {
    "web": "请点对话框上方的“📎 上传材料”，在对应材料旁拍照或选择文件（JPG、PNG、PDF，每个不超过10 MB）。",
    "wechat": "请直接在这里发送照片，一次一张，按上面的顺序；这里只能收照片，PDF请在" + PROGRESS_PAGE + "上传。",
    "rest": "请在" + PROGRESS_PAGE + "上传照片或PDF。",
}
LATER = {
    "web": "好的。之后随时可以点对话框上方的“📎 上传材料”，或在" + PROGRESS_PAGE + "上传；不上传也可以等部门通知。",
    "wechat": "好的。之后随时可以在这里发送照片，或在" + PROGRESS_PAGE + "上传；不上传也可以等部门通知。",
    "rest": "好的。之后随时可以在" + PROGRESS_PAGE + "上传；不上传也可以等部门通知。",
}
NO_APPLICATION = "这个对话还没有提交过联办申请，暂时没有可以上传的材料。提交申请后，我会告诉您哪些材料可以上传。"
NOTHING = "您的申请目前没有需要上传的材料。如果部门需要补充，会通知您。"
UNAVAILABLE = "抱歉，暂时查不到需要上传的材料，请稍后再说“上传材料”，或在" + PROGRESS_PAGE + "上传。"


def offer(dispatcher: CollectingDispatcher, names: list[str]) -> None:
    """After a submission: the materials that may go with it, and the question."""
    listed = "、".join(f"《{n}》" for n in names)
    dispatcher.utter_message(
        text=f"{listed}可以现在上传，部门审核时就能直接看到。现在上传吗？（也可以以后再传）", buttons=UPLOAD_BUTTONS
    )


async def wanted_now(conversation_id: str) -> list[dict] | None:
    """What the backend still wants for this conversation's application; None: no application."""
    issued = await backend.application_pass(conversation_id)
    if issued.status == 404:
        return None
    if issued.status != 200:
        raise backend.BackendUnavailable(f"pass {issued.status}", maybe_done=False)
    listed = await backend.with_pass("GET", "/api/v1/materials", issued.data["pass_token"])
    if listed.status != 200:
        raise backend.BackendUnavailable(f"materials {listed.status}", maybe_done=False)
    return listed.data["wanted"]


class ActionUploadMaterials(Action):
    def name(self) -> str:
        return "action_upload_materials"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        intent = intent_of(tracker)
        if intent in ("affirm", "deny") and not just_offered(tracker, UPLOAD):
            dispatcher.utter_message(response=OWN_REPLY[intent])  # a yes or no to something else
            return answered(tracker)
        await self._answer(dispatcher, tracker, later=intent in ("upload_later", "deny"))
        return answered(tracker)

    async def _answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, later: bool) -> None:
        channel = channel_of(tracker)
        try:
            wanted = await wanted_now(tracker.sender_id)
        except backend.BackendUnavailable:
            dispatcher.utter_message(text=UNAVAILABLE)
            return
        if wanted is None:
            dispatcher.utter_message(text=NO_APPLICATION)
            return
        missing = [w["name"] for w in wanted if not w["received"]]
        if later:
            dispatcher.utter_message(text=LATER[channel] if missing else NOTHING)
            return
        if not wanted:
            dispatcher.utter_message(text=NOTHING)
            return
        if not missing:
            names = "、".join(f"《{w['name']}》" for w in wanted)
            dispatcher.utter_message(text=f"需要的材料都已收到：{names}。需要替换的话，重新上传同一材料即可。")
            return
        listed = "、".join(f"《{n}》" for n in missing)
        dispatcher.utter_message(text=f"还需要：{listed}。{HOW[channel]}上传后我会告诉您收到了什么。")
        if channel == "web":  # the widget opens its 📎 panel at once (web/src/ChatWidget.jsx)
            dispatcher.utter_message(json_message={"data": {"open_materials": True}})
