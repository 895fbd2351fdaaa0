/**
 * The data model: a {@link org.movierec.data.Dataset} is users, movies and their ratings over one dense
 * id space, plus the rating scale.
 *
 * <p>Users and movies are addressed everywhere by dense indices ({@code 0..n-1}); the ids of the data
 * files (MovieLens user and movie ids) are mapped at the edges by {@link org.movierec.data.IdIndex}
 * ({@code users().ids().indexOf(196)}). Ratings live in {@link org.movierec.data.Interactions}: primitive
 * columns sorted by user, time and movie, with per-user (CSR) and per-movie (CSC) offsets, so that hot
 * loops allocate nothing per rating. Every class here is immutable once built (builders excepted) and
 * safe to share between threads. Malformed input is a {@link org.movierec.data.DataFormatException}
 * naming the file, the line and the reason.
 */
package org.movierec.data;
