"""What every platform adapter shares: splitting, pacing, 429 retries, lookup caches, tasks."""
