"""placeholder"""
LONG_TALK = None
