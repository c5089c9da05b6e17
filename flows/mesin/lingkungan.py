"""Process settings that must be in place before Prefect or GX are imported: state inside the project, no telemetry."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the project (flows/mesin/lingkungan.py)

DEFAULTS = {
    # Prefect's state (SQLite database, results, logs) lives inside the project, not in the home folder.
    "PREFECT_HOME": str(ROOT / ".prefect"),
    # No analytics or telemetry from the embedded server, nor from anything that honours DO_NOT_TRACK.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "GX_ANALYTICS_ENABLED": "false",
    # The first start of the embedded server migrates a new database (~17 s measured); allow for slow machines.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    # No "update available" checks or UI build at start.
    "PREFECT_UI_ENABLED": "false",
}


def siapkan() -> None:
    """Set the defaults above unless the operator already set them."""
    for kunci, nilai in DEFAULTS.items():
        os.environ.setdefault(kunci, nilai)
