"""Plain text helpers every layer may use: folding look-alike letters for detection."""
