"""Problems tagged 'matrix-factorization'."""
