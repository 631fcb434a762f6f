"""JSON Schemas of the file kinds, so that editors (VS Code's YAML extension) complete and check."""

from __future__ import annotations

import json
from pathlib import Path

from gdnn_cli.common.atomic import write_text


def schemas() -> dict[str, dict]:
    """The JSON Schema of each file kind, with an $id, as `gdnn schema` writes them."""
    from gdnn_cli.core.agencies import AgencyFile
    from gdnn_cli.core.models import Plan
    from gdnn_cli.core.results import ResultFile

    out = {}
    for name, model in (("plan", Plan), ("agencies", AgencyFile), ("results", ResultFile)):
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"https://gdnn.example/schemas/{name}.schema.json"
        out[name] = schema
    return out


def write_schemas(folder: Path) -> list[Path]:
    """Write the schemas into ``folder`` (sorted keys, so that a regenerated schema diffs cleanly)."""
    written = []
    for name, schema in schemas().items():
        path = folder / f"{name}.schema.json"
        write_text(path, json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
        written.append(path)
    return written
