"""The domain, pure: models, errors, the status workflow, priority, the clock, the services file,
SLA, due times and on-call arithmetic, statistics and text folding. Imports nothing else of ours."""
