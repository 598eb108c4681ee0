"""Reports: /ticket stats, /ticket export, the weekly digest and its chart."""
