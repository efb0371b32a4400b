"""sitrep's spaCy components and the pipeline that assembles them."""
