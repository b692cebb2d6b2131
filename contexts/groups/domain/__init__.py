"""Groups' domain model: pure Python that imports only the standard library and `kernel`."""
