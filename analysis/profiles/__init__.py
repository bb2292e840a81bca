"""Country profiles assembled from the tables and the methods, with numbered sources."""
