"""Class material from a scenario: the teaching note and the role packets. Pure: no files."""
