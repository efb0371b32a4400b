"""What ``make train`` learns from ``../shared/train``, shipped with the package and read offline
(``importlib.resources``): one folder per component, each with a README card (data, recipe,
command, date, figures)."""
