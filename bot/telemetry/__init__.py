"""What every use case may count (Prometheus metrics), log (structured logs) and annotate
(the record of the request being served)."""
