"""The four steps of the pipeline — read, tidy, check, write — as the edges (IO and engines) around transforms/."""
