"""`gdnn site`: a static progress site for leaders and the public, built from the data folder.

Open SDG showed that a national reporting site can be plain files generated from data in git; this
package does the same for GDNN plans: one page per plan, target and agency, a plan's history from
git, and the year's gaps to download. Every figure comes from the library's own answers
(``tracking.gap_rows``, ``tracking.year_status``), so the site can never disagree with
``gdnn gaps --format json`` or the year-end report.

- ``pages``: the year's picture, page addresses and shared pieces, the home and issuer pages;
- ``plan_pages``, ``target_pages``, ``agency_pages``: what the page of a plan, a target, an agency shows;
- ``charts``: inline SVG charts (no JavaScript), each with its data as a table;
- ``history``: each commit that changed a plan, summarised by ``gdnn diff``'s machinery;
- ``incremental``: what each page was made from (the manifest) and the writer that skips the unchanged;
- ``build``: Jinja rendering, downloads and documents.
"""

from __future__ import annotations

from gdnn_cli.site.build import BuildResult, build_site

__all__ = ["BuildResult", "build_site"]
