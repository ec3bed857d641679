from fastapi import Request


def client_address(request: Request) -> str:
    """The peer address; uvicorn has already replaced it for trusted proxies only."""
    return request.client.host if request.client else "unknown"
