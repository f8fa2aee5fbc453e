"""``python -m zs_quality`` runs the command line."""

import sys

from zs_quality.cli import main

sys.exit(main())
