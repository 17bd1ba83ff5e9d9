"""Problems tagged 'fisher-information'."""
