"""Run machinery: the output lock, the capped worker pool, the drop folder, versions, atomic writes, a whole run, the service, Dask."""
