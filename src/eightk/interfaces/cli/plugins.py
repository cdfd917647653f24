"""Command groups added by later work register here (one import per module)."""
