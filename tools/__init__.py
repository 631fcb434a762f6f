"""Developer-only scripts (template builder, .docx read-back, Babel extractor, commune lists): not in the wheel."""
