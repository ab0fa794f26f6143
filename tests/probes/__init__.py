"""Probe data and judges that tests and bench/ share: the red team's harness and judge, the
meaning checks' labelled sets, the claim verifier's scored pairs. bench/ imports these; tests
never import bench/ (tests/bench/, which tests the benchmarks themselves, aside)."""
