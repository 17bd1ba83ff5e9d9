"""Problems tagged 'gaussian-mle'."""
