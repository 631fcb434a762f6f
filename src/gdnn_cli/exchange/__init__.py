"""The December collection loop: Excel forms out to every body that must report, figures back in.

``asks`` says who must report what in a year (from the plans' reporting rules and assignments, with
groups expanded into their members); ``forms`` writes one .xlsx per body; ``collect`` reads filled
forms back into data/results/ with the provenance of every figure.
"""
