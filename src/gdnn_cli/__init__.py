"""gdnn: vocational-education plans as data."""
