"""Expression language: the tree, the parser, shapes, numeric evaluation and rendering."""
