"""One module per `matgrade` verb; each defines `configure(parser)` and `run(args) -> int`."""
