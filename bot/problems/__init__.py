"""Problems and storms: recurring incidents, suggestions, linking, storm mode and the resolution
fan-out."""
