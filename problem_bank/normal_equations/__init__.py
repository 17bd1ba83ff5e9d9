"""Problems tagged 'normal-equations'."""
