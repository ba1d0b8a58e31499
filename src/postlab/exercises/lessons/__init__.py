"""Check definitions, one module per lesson (each registers its questions on import)."""
