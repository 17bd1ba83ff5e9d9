"""Problems tagged 'attention'."""
