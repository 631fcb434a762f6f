"""Documents: the Word plan and year-end report (with its workbook), rendered from templates."""
