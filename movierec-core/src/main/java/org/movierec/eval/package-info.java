/**
 * Evaluation: {@link org.movierec.eval.Evaluator} scores a trained model on a fold's test part (rating
 * errors, ranking metrics at K, the reports' top-K accuracy; definitions in {@code docs/EVALUATION.md}
 * and in {@link org.movierec.eval.RatingErrors}, {@link org.movierec.eval.RankingMetrics} and
 * {@link org.movierec.eval.TopKAccuracy}); {@link org.movierec.eval.Experiment} trains and scores
 * algorithms x folds into a {@link org.movierec.eval.Report}; {@link org.movierec.eval.Tuner} searches
 * hyperparameters on validation data only. Results are deterministic: per-user values are combined in
 * user order whatever the number of threads.
 */
package org.movierec.eval;
