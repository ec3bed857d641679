"""API callers' values are normalised as the chat channels normalise them (citizen_text): full-width
digits and letters, zero-width characters, spaces and dashes inside numbers."""

import unicodedata

from tests.backend.helpers import application_body


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def test_full_width_and_spaced_numbers_are_accepted(submit, client):
    body = application_body()
    husband, wife = body["applicant"]["id_number"], body["spouse"]["id_number"]
    body["applicant"]["id_number"] = full_width(husband)
    body["applicant"]["phone"] = "１３８ １２３４ ５６７８"
    body["spouse"]["id_number"] = f"{wife[:6]}-{wife[6:14]}-{wife[14:]}"
    body["spouse"]["phone"] = "+86 139-8765-4321"
    body["applicant"]["name"] = "张\u200b伟"
    r = submit(body)
    assert r.status_code == 201, r.text
    app_no = r.json()["application_no"]
    # The stored values are the plain ones: the progress look-up finds them with plain input.
    plain = client.post("/api/v1/progress/query", json={"application_no": app_no, "id_number": wife})
    assert plain.status_code == 200, plain.text
    wide = client.post(
        "/api/v1/progress/query",
        json={"application_no": full_width(app_no.lower()), "id_number": full_width(husband)},
    )
    assert wide.status_code == 200, wide.text
    assert unicodedata.normalize("NFKC", full_width("HY")) == "HY"


def test_a_wrong_number_in_full_width_is_still_explained_by_its_real_length(submit):
    body = application_body()
    body["applicant"]["id_number"] = full_width(body["applicant"]["id_number"][:17])
    r = submit(body)
    assert r.status_code == 422
    messages = " ".join(e["message"] for e in r.json()["errors"])
    assert "17位" in messages
