"""The problem bank: one declarative module per problem, grouped by topic, plus assignment specs."""
