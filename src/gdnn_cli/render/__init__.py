"""Rendering plans and reports to Word documents from templates in templates/."""
