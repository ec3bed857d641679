"""`python -m bot.action_server`: rasa-sdk's action server, closed to everyone but Rasa.

rasa-sdk listens on every interface and runs any action for anyone, and it holds the backend's
service token. Here it listens on one private address (ACTIONS_HOST, 127.0.0.1 by default) and
every request but the health check must carry `X-Action-Token: <ACTION_SERVER_TOKEN>`, which
Rasa sends from endpoints.yml. Without it: 401, and no action runs."""

import argparse
import hmac
import logging
import os

from rasa_sdk import utils
from rasa_sdk.constants import APPLICATION_ROOT_LOGGER_NAME
from rasa_sdk.endpoint import create_app
from sanic import Sanic, response
from sanic.request import Request

from security.guard import enforce

TOKEN_HEADER = "X-Action-Token"
# An action call carries the conversation's tracker; a long conversation is tens of KB.
MAX_REQUEST_BYTES = 2 * 1024 * 1024
OPEN_PATHS = {"/health"}


def create_action_app(token: str, actions: str = "bot.actions") -> Sanic:
    if not token:
        raise ValueError("the action server needs ACTION_SERVER_TOKEN")
    app = create_app(actions, cors_origins=None)  # only Rasa calls it, never a browser
    app.config.REQUEST_MAX_SIZE = MAX_REQUEST_BYTES
    expected = token.encode()

    @app.middleware("request")
    async def require_token(request: Request) -> response.HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        given = request.headers.get(TOKEN_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            return response.json({"error": f"missing or wrong {TOKEN_HEADER}"}, status=401)
        return None

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description="婚育一件事 action server (rasa-sdk)")
    parser.add_argument("--host", default=os.environ.get("ACTIONS_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTIONS_PORT", "5055")))
    parser.add_argument("--actions", default="bot.actions")
    args = parser.parse_args()
    enforce("actions")
    utils.configure_colored_logging(os.environ.get("LOG_LEVEL", "INFO"))
    logging.getLogger(APPLICATION_ROOT_LOGGER_NAME).setLevel(os.environ.get("LOG_LEVEL", "INFO"))
    utils.update_sanic_log_level()
    app = create_action_app(os.environ.get("ACTION_SERVER_TOKEN", ""), args.actions)
    app.run(args.host, args.port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
