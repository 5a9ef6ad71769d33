"""Imports the PAdES fixture generator's helpers (verify/tests/pades/gen) as
the package `pades_gen`, for the other generators (verify/tests/ses,
verify/tests/ltv), whose own helper packages are also called `gen`.

    sys.path.insert(0, <verify/tests/support>); import load_pades_gen  # noqa"""

import importlib.util
import sys
from pathlib import Path

PADES_GEN = Path(__file__).resolve().parents[1] / "pades" / "gen"

if "pades_gen" not in sys.modules:
    _spec = importlib.util.spec_from_file_location(
        "pades_gen", PADES_GEN / "__init__.py", submodule_search_locations=[str(PADES_GEN)]
    )
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["pades_gen"] = _module
    _spec.loader.exec_module(_module)
