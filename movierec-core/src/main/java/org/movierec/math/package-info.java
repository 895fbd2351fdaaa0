/**
 * Small dense linear algebra for the latent-factor models: vector kernels on {@code float} rows
 * ({@link org.movierec.math.Vectors}), Cholesky solves of symmetric positive definite systems
 * ({@link org.movierec.math.Cholesky}) and conjugate gradient ({@link org.movierec.math.ConjugateGradient}).
 * Everything works on caller-provided primitive arrays with explicit offsets, so that per-user solves
 * in a training loop allocate nothing.
 */
package org.movierec.math;
