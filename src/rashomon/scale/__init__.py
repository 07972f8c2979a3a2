"""Scale-out engines for ingest (Ray). Optional: needs the ``ray`` extra."""
