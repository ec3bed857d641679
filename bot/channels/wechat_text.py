"""Bot messages as WeChat text: buttons become numbered choices, long replies are split."""

# WeChat caps a text message at 2048 bytes; Chinese is 3 bytes a character in UTF-8.
MAX_BYTES = 2000


def render(messages: list[dict]) -> tuple[str, list[str]]:
    """The bot's messages of one turn as one text, and the payloads its numbers stand for."""
    parts: list[str] = []
    payloads: list[str] = []
    for message in messages:
        if message.get("text"):
            parts.append(message["text"])
        buttons = message.get("buttons") or []
        if buttons:
            start = len(payloads)
            lines = [f"{start + i + 1}. {b['title']}" for i, b in enumerate(buttons)]
            parts.append("回复数字选择：\n" + "\n".join(lines))
            payloads += [b["payload"] for b in buttons]
    return "\n\n".join(parts), payloads


def split(text: str, max_bytes: int = MAX_BYTES) -> list[str]:
    """Pieces under WeChat's limit, cut at line ends where possible."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate.encode()) <= max_bytes:
            current = candidate
            continue
        if current:
            pieces.append(current)
        while len(line.encode()) > max_bytes:  # a single overlong line: cut by characters
            cut = len(line)
            while len(line[:cut].encode()) > max_bytes:
                cut -= 1
            pieces.append(line[:cut])
            line = line[cut:]
        current = line
    if current:
        pieces.append(current)
    return pieces or [""]


def choose(text: str, payloads: list[str]) -> str:
    """ "2" picks the second of the last offered choices; anything else is said as it is."""
    choice = text.strip()
    if choice.isdigit() and 1 <= int(choice) <= len(payloads):
        return payloads[int(choice) - 1]
    return text
