"""The commands' own tooling: translation fingerprints, marking, history, and the model diff."""
