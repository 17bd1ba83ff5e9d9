"""Problems tagged 'det-inverse'."""
