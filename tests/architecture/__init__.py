"""The architecture of DESIGN.md, checked: import contracts and the package layout."""
