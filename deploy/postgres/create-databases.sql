-- One database per context on one server (ADR 0007): each service owns its schema and
-- reaches no other. The official postgres image runs this once, on an empty data volume.
CREATE DATABASE identity;
CREATE DATABASE groups;
CREATE DATABASE messaging;
CREATE DATABASE notifications;
CREATE DATABASE realtime;
