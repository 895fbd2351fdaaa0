/**
 * Synthetic MovieLens-like datasets with planted latent structure
 * ({@link org.movierec.data.synth.SyntheticGenerator}): learning tests know what a model should find,
 * scale tests need no download, and every dataset is identical for the same seed.
 */
package org.movierec.data.synth;
