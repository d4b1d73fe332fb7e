"""The instructor's console (`redlines console`): every hosted table live, and the commands."""
