"""Edge of the pipeline: Prefect flows and tasks, file IO, Great Expectations runs, the CLI."""
