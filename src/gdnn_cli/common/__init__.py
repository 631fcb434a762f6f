"""The ground floor: errors, atomic writes, numbers and dates in Vietnamese, the words users read, gettext,
packaged resources."""
