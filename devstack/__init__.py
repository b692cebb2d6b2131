"""The distributed stack on one machine, without Docker: servers as local processes, the contexts
as services, nginx in front. Shared by the tests and `make run-services`; never shipped."""
