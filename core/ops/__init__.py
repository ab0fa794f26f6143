"""Operations: metrics and the one circuit breaker every outside dependency goes through."""
