"""Methods layer: voting blocs, ideal points, networks, treaty tracks, coverage. Frames and graphs in,
frames and graphs out; no file I/O except explicit exports. Imports ``analysis.core`` and ``analysis.data``."""
