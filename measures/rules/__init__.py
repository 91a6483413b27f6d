"""Pure business rules of measures: no models, no database, no HTTP."""
