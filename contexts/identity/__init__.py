"""The identity context: users, credentials, sessions (refresh-token families), JWT issuing and the JWKS."""
