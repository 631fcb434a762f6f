"""Review: plan edits seen in plan terms: gdnn diff, the git textconv driver."""
