"""Problems tagged 'trace'."""
