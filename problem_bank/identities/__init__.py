"""Problems tagged 'identities'."""
