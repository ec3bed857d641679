"""Joint-processing backend for 婚育一件事."""
