"""The architecture of ADRs 2 and 3, checked: import contracts and the package layout."""
