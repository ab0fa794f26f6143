"""Memory: the archive and fan memory over a vector store, the embedders and their caches."""
