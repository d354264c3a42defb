// Rank aggregation (Kemeny, Borda, Copeland, means), correlations and benchmark agreement testing.
export * from "../correlation/index.js";
