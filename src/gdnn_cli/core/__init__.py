"""The core: the data model, safe YAML loading, the checks, the dataset and its cache."""
