"""The Qt-free application core that the window (`ui/`) and the command line (`cli/`)
both stand on: one model catalogue, one compare rule, one money formatter, one default
model (and the session and connection state beside them).

Kept free of imports on purpose: `import lemon_desktop.core` must stay cheap and must
never pull in Qt, so each piece is imported from its own module.
"""
