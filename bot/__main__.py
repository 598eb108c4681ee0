"""``python -m bot`` (``--sandbox`` to try it without Slack): see ``bot/app/``."""

import sys

from bot.app.main import main

if __name__ == "__main__":
    sys.exit(main())
