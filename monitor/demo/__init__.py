"""`vigil demo`: the whole job, offline, against a bundled mirror of the real sources."""
