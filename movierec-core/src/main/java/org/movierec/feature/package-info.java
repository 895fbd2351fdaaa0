/**
 * Side-feature encoding shared by the factorization machine and the neural models:
 * {@link org.movierec.feature.FeatureSpace} maps a (user, movie) pair of a dataset's dense id space to
 * a sparse vector of (index, value) pairs made of configurable blocks (ids, genres, demographics,
 * release decade, the user's rated-movie set). Encoding is allocation-free into caller buffers.
 */
package org.movierec.feature;
