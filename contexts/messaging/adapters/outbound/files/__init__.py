"""The bytes of uploaded files: in a directory of this machine, or in an S3 bucket."""
