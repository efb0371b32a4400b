"""The script to give ``spark-submit``: the ``sitrep batch`` command, with the master and
resources that spark-submit was given.

    SUBMIT=$(python -c 'import sitrep.batch.submit as s; print(s.__file__)')
    spark-submit --master spark://host:7077 "$SUBMIT" \\
        --input hdfs:///news/2026-11 --output hdfs:///sitrep/2026-11
"""

import sys

from sitrep.batch.command import batch_cli
from sitrep.errors import SitrepError
from sitrep.options import report_error

if __name__ == "__main__":
    try:
        batch_cli.main(sys.argv[1:], prog_name="sitrep batch")
    except SitrepError as exc:
        report_error(exc)
        sys.exit(1)
