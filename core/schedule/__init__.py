"""Scheduling: schedule specs, the scheduler, the outbox that makes posts exactly-once, posting."""
