"""A department's data repository: starting one (gdnn init) and rolling a plan over to next year (gdnn new plan)."""
