"""Place data: the gazetteer seam, the packaged GeoNames index and distances on the globe."""
