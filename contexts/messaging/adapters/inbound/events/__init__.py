"""The anti-corruption layer: other contexts' published language, translated into messaging's own."""
