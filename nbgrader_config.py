"""nbgrader's own settings for this course (matgrade's settings live in course.toml)."""

c = get_config()  # noqa: F821

c.CourseDirectory.root = "."
c.CourseDirectory.course_id = "matgrade"
