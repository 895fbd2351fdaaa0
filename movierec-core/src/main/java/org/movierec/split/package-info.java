/**
 * Evaluation protocols: a {@link org.movierec.split.Split} turns a dataset into
 * {@link org.movierec.split.Fold}s (train, optional validation, test), all sharing the dataset's users,
 * movies and dense id space. Create splits with {@link org.movierec.split.Splits} (by specification, as
 * the command line writes them: {@code u1..u5}, {@code random:0.8}, {@code kfold:5}, {@code temporal-loo},
 * {@code temporal:2001-01-01}). Random splits take their seed at construction: the same split of the same
 * dataset always gives identical folds. Splits and folds are immutable.
 */
package org.movierec.split;
