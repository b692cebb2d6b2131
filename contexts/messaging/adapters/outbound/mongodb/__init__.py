"""The read models in MongoDB, for deployments that set MONGODB_URL."""
