"""The anti-corruption layer: other contexts' published language, translated into groups' own."""
