"""The service catalogue: requests filed from an item's form (answers, matching, filing)."""
