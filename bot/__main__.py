"""``python -m bot`` (``--sandbox`` to try it without Slack): see ``bot/app/``."""

import sys

try:
    from bot.app.main import main
except KeyboardInterrupt:  # Ctrl-C while Python still imports Guichet and its libraries (a
    # second or two on a small machine): a stop like any other, not Python's traceback
    sys.exit(130)

if __name__ == "__main__":
    sys.exit(main())
