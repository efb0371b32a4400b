"""Batch analysis at scale: a Spark job (``job``, needs the ``spark`` extra) that analyzes
files in the executors (``executor``) and writes Parquet, and ``load``, which puts that
output in the store."""
