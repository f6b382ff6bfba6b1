"""Pieces every view uses: style, colours, theme, resources, small widgets."""
