"""The course with nbgrader: build, release, capture, trusted grading (course engineer), and the
grading infrastructure (sandboxed kernels, parallel autograde runs, gradebook writes, feedback
pages). Only this package imports nbgrader or nbformat; nothing is imported here."""
