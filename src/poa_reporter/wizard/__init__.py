"""The Textual terminal wizard for filling in a national report."""
