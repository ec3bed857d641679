"""`python -m bot.rasa_cli run ...`: Rasa's own command line, same arguments as `rasa`, with the
patches of bot/rasa_patches applied first: four costs removed from Rasa's event loop (where every
conversation waits), Rasa's silent fallback to an in-memory tracker store removed, and request
bodies bounded. Each patch's reason and measured gain are in its module.

On a Rasa release other than bot.rasa_patches.SUPPORTED_RASA it refuses to start (status 78)
unless RASA_PATCHES_ANY_VERSION=1 is set.
"""

import sys

from bot import rasa_patches
from security.guard import enforce

EX_CONFIG = 78


def main() -> None:
    if "run" in sys.argv[1:2]:
        enforce("rasa")  # before loading anything: production refuses local or missing secrets
    try:
        rasa_patches.install()
    except rasa_patches.UnsupportedRasa as refusal:
        print(f"rasa_cli: {refusal}", file=sys.stderr)
        raise SystemExit(EX_CONFIG) from None
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
