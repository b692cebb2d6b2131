"""Benchmarks of delivery, fan-out and connection capacity, run by `make bench` (`python -m bench`).

Not shipped and not tested: each run starts the topologies it measures, drives them from this
process and writes its figures to `bench/results/`. See `bench/README.md`.
"""
