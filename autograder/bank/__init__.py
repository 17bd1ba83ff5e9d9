"""The problem bank: the problem model, variants, registry, grading of parts, self-check.

Public entry points: `model` (Problem, Part, Sym, Mistake, Vary, Case, FollowThrough),
`variants` (variant_index, course_salt, Variant, PartVariant), `registry` (problems, get),
`grade.grade_part`, `verify.verify_problem`, `cookbook.study_sheet`.
"""
