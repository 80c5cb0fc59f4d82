-- Run once by the postgres image on an empty volume: Temporal's own databases beside the service's.
CREATE DATABASE temporal;
CREATE DATABASE temporal_visibility;
