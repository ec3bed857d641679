"""What staff see of a conversation: Rasa's tracker as masked lines and masked form answers."""

from backend.handoffs import transcript

HUSBAND = "310104199403051238"
TRACKER = {
    "paused": True,
    "slots": {
        "matters": ["marriage_registration", "birth_registration"],
        "applicant_name": "欧阳娜娜",
        "applicant_id": HUSBAND,
        "applicant_phone": "13812345678",
        "household_address": "浦东新区世纪大道100弄1号101室",
        "requested_slot": None,
    },
    "events": [
        {"event": "user", "timestamp": 1.0, "text": "我要申请结婚登记和生育登记"},
        {"event": "slot", "timestamp": 1.1, "name": "requested_slot", "value": "spouse_name"},
        {"event": "bot", "timestamp": 1.2, "text": "请问对方的姓名？", "metadata": {}},
        {"event": "user", "timestamp": 2.0, "text": f"我是欧阳娜娜，身份证{HUSBAND}，手机13812345678"},
        {"event": "user", "timestamp": 3.0, "text": "EXTERNAL: continue_form"},
        {"event": "slot", "timestamp": 3.1, "name": "requested_slot", "value": None},
        {"event": "bot", "timestamp": 4.0, "text": "人工客服已接入", "metadata": {"console": True}},
        {"event": "bot", "timestamp": 5.0, "text": "【人工客服】您好", "metadata": {"agent": "agent1"}},
        {"event": "pause", "timestamp": 4.5},
    ],
}


def test_lines_are_masked_and_say_who_spoke():
    lines = transcript.lines(TRACKER)
    assert [(line.who, line.text) for line in lines] == [
        ("citizen", "我要申请结婚登记和生育登记"),
        ("assistant", "请问对方的姓名？"),
        ("citizen", "我是欧***，身份证310***********1238，手机138****5678"),
        ("system", "人工客服已接入"),
        ("agent", "【人工客服】您好"),
    ]
    assert HUSBAND not in str(lines) and "13812345678" not in str(lines)


def test_answers_are_masked_and_personal_ones_revealable():
    answers = {a.field: a for a in transcript.answers(TRACKER["slots"])}
    assert answers["matters"].value == "结婚登记、生育登记" and not answers["matters"].revealable
    assert answers["applicant_id"].value == "310***********1238" and answers["applicant_id"].revealable
    assert answers["applicant_name"].value == "欧***"
    assert answers["applicant_phone"].value == "138****5678"
    assert answers["household_address"].value == "浦东新区世****"
    assert "requested_slot" not in answers


def test_the_pending_question_is_the_last_one_asked():
    assert transcript.pending_question(TRACKER) == "对方姓名"
    assert transcript.form_in_progress(TRACKER)
    assert not transcript.form_in_progress({"slots": {"matters": None}})
