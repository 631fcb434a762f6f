"""Tracking: targets against results, gaps, progress to milestones, who reported and when."""
