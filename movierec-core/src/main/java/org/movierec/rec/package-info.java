/**
 * Top-N recommendation: {@link org.movierec.rec.Recommender} turns any model that ranks or predicts
 * ratings into lists of movies (a user of the model, or a new user from a few ratings by fold-in),
 * leaving out what the user rated and what a filter ({@link org.movierec.rec.ItemFilters}) rejects.
 * The CLI, the evaluator and the server share this one code path. {@link org.movierec.rec.TopK} is the
 * allocation-free selection; {@link org.movierec.rec.CandidateIndex} is top-K inner-product search for
 * large catalogues (exact here, HNSW in the optional {@code movierec-ann} module).
 */
package org.movierec.rec;
