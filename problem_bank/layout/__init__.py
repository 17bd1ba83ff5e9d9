"""Problems tagged 'layout'."""
