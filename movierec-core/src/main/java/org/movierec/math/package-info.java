/**
 * Small dense linear algebra for the latent-factor models: the one kernel class
 * ({@link org.movierec.math.Kernels}: dot products in stated summation orders, axpy, gemv, gemm, norms,
 * rank-k updates, each fast form tested against its scalar reference), Cholesky solves of symmetric positive definite systems
 * ({@link org.movierec.math.Cholesky}) and conjugate gradient ({@link org.movierec.math.ConjugateGradient}).
 * Everything works on caller-provided primitive arrays with explicit offsets, so that per-user solves
 * in a training loop allocate nothing.
 */
package org.movierec.math;
